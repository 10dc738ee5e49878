namespace RobotSdk.Transports.Tests;

public sealed class SerialAllocationTests
{
    [Fact]
    public void WriteAndRead_AllocateNothing_InSteadyState()
    {
        using var pair = PseudoTerminalPair.Create();
        using var port = new LinuxSerialPort(pair.SubordinatePath, new SerialPortOptions { BaudRate = 1000000 });
        port.Open();
        ISerialPort client = port;
        ISerialPort emulator = pair.Master;
        var request = new byte[20];
        var reply = new byte[20];
        var scratch = new byte[20];
        for (int index = 0; index < request.Length; index++)
        {
            request[index] = (byte)(index * 13);
            reply[index] = (byte)(255 - index);
        }

        // Warm up: JIT, tiering and first-call stubs allocate once.
        RoundTrips(client, emulator, request, reply, scratch, 200);
        long before = GC.GetAllocatedBytesForCurrentThread();
        RoundTrips(client, emulator, request, reply, scratch, 1000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(reply, scratch);
    }

    private static void RoundTrips(ISerialPort client, ISerialPort emulator, byte[] request, byte[] reply, byte[] scratch, int count)
    {
        for (int trip = 0; trip < count; trip++)
        {
            client.Write(request);
            if (emulator.ReadExactly(scratch, 1000) != scratch.Length)
            {
                throw new InvalidOperationException("the emulator missed a request");
            }

            emulator.Write(reply);
            if (client.ReadExactly(scratch, 1000) != scratch.Length)
            {
                throw new InvalidOperationException("the client missed a reply");
            }
        }
    }
}
