using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.Versioning;
using RobotSdk.Drivers.Dynamixel;
using RobotSdk.Drivers.Dynamixel.Emulation;
using RobotSdk.Drivers.Feetech;
using RobotSdk.Drivers.Feetech.Emulation;
using RobotSdk.Emulation;
using RobotSdk.Transports;

namespace RobotSdk.Cli.Benchmarks;

/// <summary>
/// Times full control cycles (one group read of present positions + one sync write of goal
/// positions) of the real bus code against its emulator over a pseudo-terminal, and
/// compares them with the time the bytes need on the wire plus the servos' return delays.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class BusBenchmark
{
    private const int PositionBytes = 4; // Dynamixel present/goal position; Feetech uses 2.
    private const int BitsPerByte = 10;   // start + 8 data + stop

    public static BusBenchmarkResult RunDynamixel(int servos, int baud, int returnDelayMicroseconds, int cycles, bool fastSyncRead)
    {
        byte[] ids = Ids(servos);
        var backend = new FirstOrderJointBackend(servos);
        VirtualServo[] virtualServos = [.. ids.Select((id, joint) => new VirtualServo(id, RobotSdk.Drivers.Dynamixel.ServoModel.XM430W350, joint) { ReturnDelayTime = (byte)(returnDelayMicroseconds / 2) })];
        using var emulator = new DynamixelEmulator(backend, virtualServos, new DynamixelEmulatorOptions { BaudRate = baud });
        emulator.Start();
        using var port = new LinuxSerialPort(emulator.SubordinatePath, new SerialPortOptions { BaudRate = baud });
        var bus = new DynamixelBus(port, new DynamixelBusOptions { BaudRate = baud });
        bus.Open();

        ushort presentPosition = (ushort)XSeriesControlTable.PresentPosition.Address;
        ushort goalPosition = (ushort)XSeriesControlTable.GoalPosition.Address;
        var present = new byte[servos * PositionBytes];
        var goals = new byte[servos * PositionBytes];
        for (int i = 0; i < servos; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(goals.AsSpan(i * PositionBytes), 2048 + (i * 10));
        }

        (double[] times, int failed) = Measure(cycles, () =>
        {
            BusStatus read = fastSyncRead
                ? bus.FastSyncRead(presentPosition, PositionBytes, ids, present)
                : bus.SyncRead(presentPosition, PositionBytes, ids, present);
            BusStatus write = bus.SyncWrite(goalPosition, PositionBytes, ids, goals);
            return read == BusStatus.Ok && write == BusStatus.Ok;
        });

        // Packet sizes: header (4) + ID + LEN (2) + INST + params + CRC (2).
        int readRequest = 10 + 4 + servos;
        int readReplies = fastSyncRead ? 8 + (servos * (4 + PositionBytes)) : servos * (11 + PositionBytes);
        int writeRequest = 10 + 4 + (servos * (1 + PositionBytes));
        double delaysMs = (fastSyncRead ? 1 : servos) * returnDelayMicroseconds / 1000.0;
        return Summarize("dynamixel", fastSyncRead ? "fast-sync-read" : "sync-read", servos, baud, returnDelayMicroseconds, times, failed, readRequest + readReplies + writeRequest, delaysMs);
    }

    public static BusBenchmarkResult RunFeetech(int servos, int baud, int returnDelayMicroseconds, int cycles)
    {
        const int FeetechPositionBytes = 2;
        byte[] ids = Ids(servos);
        var backend = new FirstOrderJointBackend(servos);
        using var emulator = new FeetechEmulator(
            backend,
            ids.Select((id, joint) => new VirtualServoConfiguration(id, joint)),
            new FeetechEmulatorOptions { BaudRate = baud, ReturnDelayTime = returnDelayMicroseconds / 2 });
        emulator.Start();
        using var port = new LinuxSerialPort(emulator.PortPath, new SerialPortOptions { BaudRate = baud });
        var bus = new FeetechBus(port, new FeetechBusOptions { BaudRate = baud });
        bus.Open();

        byte presentPosition = (byte)Sts3215.PresentPosition.Address;
        byte goalPosition = (byte)Sts3215.GoalPosition.Address;
        var present = new byte[servos * FeetechPositionBytes];
        var goals = new byte[servos * FeetechPositionBytes];
        for (int i = 0; i < servos; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(goals.AsSpan(i * FeetechPositionBytes), (ushort)(2048 + (i * 10)));
        }

        (double[] times, int failed) = Measure(cycles, () =>
            bus.SyncRead(presentPosition, FeetechPositionBytes, ids, present) == FeetechStatus.Ok
            && bus.SyncWrite(goalPosition, FeetechPositionBytes, ids, goals) == FeetechStatus.Ok);

        // Packet sizes: FF FF ID LEN INST params CHK; status FF FF ID LEN ERR data CHK.
        int readRequest = 6 + 2 + servos;
        int readReplies = servos * (6 + FeetechPositionBytes);
        int writeRequest = 6 + 2 + (servos * (1 + FeetechPositionBytes));
        double delaysMs = servos * returnDelayMicroseconds / 1000.0;
        return Summarize("feetech", "sync-read", servos, baud, returnDelayMicroseconds, times, failed, readRequest + readReplies + writeRequest, delaysMs);
    }

    private static byte[] Ids(int servos) => [.. Enumerable.Range(1, servos).Select(id => (byte)id)];

    private static (double[] Times, int Failed) Measure(int cycles, Func<bool> cycle)
    {
        for (int i = 0; i < Math.Max(50, cycles / 10); i++)
        {
            cycle(); // warm-up: JIT, caches, the emulator's thread
        }

        var times = new double[cycles];
        int failed = 0;
        for (int i = 0; i < cycles; i++)
        {
            long start = Stopwatch.GetTimestamp();
            bool ok = cycle();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            failed += ok ? 0 : 1;
        }

        Array.Sort(times);
        return (times, failed);
    }

    private static BusBenchmarkResult Summarize(string protocol, string read, int servos, int baud, int returnDelayMicroseconds, double[] sortedTimes, int failed, int wireBytes, double delaysMs)
    {
        double p50 = Percentile(sortedTimes, 0.50);
        double wireMs = wireBytes * BitsPerByte * 1000.0 / baud;
        return new BusBenchmarkResult(protocol, read, servos, baud, returnDelayMicroseconds, sortedTimes.Length,
            p50, Percentile(sortedTimes, 0.99), wireMs, delaysMs, p50 / (wireMs + delaysMs), 1000.0 / p50, failed);
    }

    internal static double Percentile(double[] sorted, double quantile) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
