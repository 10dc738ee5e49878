using System.Collections.Concurrent;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Elephant.Tests;

/// <summary>
/// What <see cref="MyCobotDriver"/> writes on a real pty, read from the master side by a scripted arm
/// that answers queries with fixed replies: the golden vectors, and the order of the lifecycle's commands.
/// </summary>
public sealed class DriverOnTheWireTests : IDisposable
{
    private readonly ScriptedLink _link = new();
    private readonly ConcurrentQueue<string> _frames = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _arm;

    public DriverOnTheWireTests() => _arm = DeviceThread.Run(Answer);

    public void Dispose()
    {
        _stop.Cancel();
        _arm.Wait(5000);
        _stop.Dispose();
        _link.Dispose();
    }

    [Fact]
    public void Configure_Activate_Write_PutTheExpectedFramesOnTheWire_GoldenVectorsIncluded()
    {
        using var driver = new MyCobotDriver(_link.Port, new MyCobotDriverOptions { Speed = 50, GripperSpeed = 50, Bus = new MyCobotBusOptions { ReplyTimeoutMs = 1000 } });
        var frame = new JointFrame(7);

        driver.Configure();
        driver.Activate(CommandMode.Position);
        Assert.Equal(DriverStatus.Ok, driver.Read(frame));
        frame.Positions[6] = 0.6; // the gripper to value 60
        Assert.Equal(DriverStatus.Ok, driver.Write(frame));
        driver.Deactivate();

        string[] expected =
        [
            "FE FE 02 12 FA", // Configure: is powered on?
            "FE FE 02 13 FA", // release: torque off while inactive
            "FE FE 02 20 FA", // get angles
            "FE FE 02 65 FA", // get gripper value
            "FE FE 02 20 FA", // Activate: read again
            "FE FE 02 65 FA",
            "FE FE 03 16 01 FA", // refresh mode
            "FE FE 02 10 FA", // power on: the servos lock where they are
            "FE FE 0F 22 03 E8 F7 FE 0B B8 00 00 11 94 DC D8 32 FA", // the present angles as goals, at speed 50
            "FE FE 02 20 FA", // Read: angles (the gripper's turn comes every 10 reads)
            "FE FE 0F 22 03 E8 F7 FE 0B B8 00 00 11 94 DC D8 32 FA", // Write: the same goals
            "FE FE 04 67 3C 32 FA", // the gripper moved: value 60 at speed 50
            "FE FE 02 13 FA", // Deactivate: release
        ];
        Poll.Until(() => _frames.Count >= expected.Length, "every frame to reach the scripted arm");
        Assert.Equal(expected, _frames.ToArray());
    }

    [Fact]
    public void Read_GivesTheGoldenAnglesInRadians_AndTheGripperAsAnOpenFraction()
    {
        using var driver = new MyCobotDriver(_link.Port, new MyCobotDriverOptions { Bus = new MyCobotBusOptions { ReplyTimeoutMs = 1000 } });
        var frame = new JointFrame(7);
        driver.Configure();

        Assert.Equal(DriverStatus.Ok, driver.Read(frame));

        double[] degrees = [10, -20.5, 30, 0, 45, -90];
        for (int joint = 0; joint < 6; joint++)
        {
            Assert.Equal(degrees[joint] * Math.PI / 180, frame.Positions[joint], 12);
            Assert.True(double.IsNaN(frame.Velocities[joint]));
            Assert.True(double.IsNaN(frame.Currents[joint]));
        }

        Assert.Equal(0.25, frame.Positions[6], 12);
    }

    [Fact]
    public void WithAMeasuredStroke_TheGripperJointIsInMetres()
    {
        using var driver = new MyCobotDriver(_link.Port, new MyCobotDriverOptions { GripperStrokeMeters = 0.04, Bus = new MyCobotBusOptions { ReplyTimeoutMs = 1000 } });
        var frame = new JointFrame(7);
        driver.Configure();

        Assert.Equal(DriverStatus.Ok, driver.Read(frame));

        Assert.Equal(0.01, frame.Positions[6], 12);
        GripperDescription gripper = Assert.Single(driver.Description.Grippers);
        Assert.Equal(0.04, gripper.MaxWidthMeters);
        Assert.Equal(0.04, gripper.OpenPosition);
        Assert.Equal(JointKind.Prismatic, driver.Description.Joints[6].Kind);
    }

    /// <summary>The scripted arm: powered, at the golden angles, gripper at 25; records every frame it receives.</summary>
    private void Answer()
    {
        var decoder = new MyCobotFrameDecoder();
        var master = _link.Pair.Master;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                int read = master.Read(decoder.GetAppendBuffer(), 20);
                if (read == 0)
                {
                    continue;
                }

                decoder.Commit(read);
                while (decoder.TryDecode(out MyCobotFrame frame) is var result && result != MyCobotDecodeResult.NeedMoreData)
                {
                    if (result != MyCobotDecodeResult.Frame)
                    {
                        continue;
                    }

                    byte[] wire = new byte[frame.Length];
                    MyCobotProtocol.EncodeFrame(wire, frame.Command, frame.Data);
                    _frames.Enqueue(Hex.Format(wire));
                    string? reply = frame.Command switch
                    {
                        MyCobotCommand.IsPoweredOn => "FE FE 03 12 01 FA",
                        MyCobotCommand.GetAngles => "FE FE 0E 20 03 E8 F7 FE 0B B8 00 00 11 94 DC D8 FA",
                        MyCobotCommand.GetGripperValue => "FE FE 03 65 19 FA",
                        _ => null,
                    };
                    if (reply is not null)
                    {
                        master.Write(Hex.Parse(reply));
                    }
                }
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or ObjectDisposedException or HardwareFaultException)
        {
            // The pty closed: the test is over.
        }
    }
}
