using System.Diagnostics;
using System.Runtime.Versioning;
using RobotSdk.Drivers.Feetech;
using RobotSdk.Drivers.Feetech.Emulation;
using RobotSdk.Emulation;
using RobotSdk.Hardware;

namespace RobotSdk.Cli.Tests;

[SupportedOSPlatform("linux")]
public sealed class CalibrateServosTests : IDisposable
{
    private const double SwingRadians = 0.8;
    private readonly string _directory = Directory.CreateTempSubdirectory("robotsdk-calibrate-").FullName;

    [Theory]
    [InlineData(0)]
    [InlineData(9)] // three failed reads in a row (each read tries three times): skipped, not fatal
    public void CalibrateServos_RecordsTheRangesAPersonMovesTheJointsThrough_AndWritesBothFormats(int repliesLostMidSweep)
    {
        FeetechArm arm = FeetechArms.So101Follower;
        var backend = FeetechArmEmulator.CreateBackend(arm);
        using var emulator = new FeetechArmEmulator(arm, backend, new FeetechArmEmulatorOptions { LinkPath = Path.Combine(_directory, "so101") });
        emulator.Start();
        string output = Path.Combine(_directory, "so101.json");
        string lerobot = Path.Combine(_directory, "so101-lerobot.json");

        using Process robot = RobotProcess.Start("calibrate-servos", "--port", emulator.PortPath, "--arm", "so101", "--arm-id", "bench-follower", "--output", output, "--lerobot-output", lerobot);
        Assert.StartsWith("Torque is off.", robot.StandardOutput.ReadLine(), StringComparison.Ordinal);
        robot.StandardInput.WriteLine(); // the arm is in the middle of its range (the backend starts at 0 rad)
        Assert.StartsWith("Now move every joint", robot.StandardOutput.ReadLine(), StringComparison.Ordinal);
        if (repliesLostMidSweep > 0)
        {
            // Servo 1 misses three reads of three attempts each while the arm still rests at home.
            long reads = emulator.Emulator.GetInstructionCount(FeetechInstruction.SyncRead);
            emulator.Emulator.DropReplies(repliesLostMidSweep, id: 1);
            Poll.Until(() => emulator.Emulator.GetInstructionCount(FeetechInstruction.SyncRead) > reads + repliesLostMidSweep, "the reads that lose their replies, and one more");
        }

        for (int joint = 0; joint < arm.Motors.Count; joint++)
        {

            // A person swings each joint to both ends and back, holding each end until the CLI has read it
            // three times (its sync reads, counted by the emulator): a stalled machine cannot skip an end.
            foreach (double position in new[] { SwingRadians, -SwingRadians, 0 })
            {
                backend.SetPosition(joint, position);
                long heldFrom = emulator.Emulator.GetInstructionCount(FeetechInstruction.SyncRead);
                Poll.Until(() => emulator.Emulator.GetInstructionCount(FeetechInstruction.SyncRead) >= heldFrom + 3, $"three reads of joint {joint} at {position} rad");
            }
        }

        try
        {
            robot.StandardInput.WriteLine();
        }
        catch (IOException)
        {
            Assert.Fail($"calibrate-servos exited before the sweep ended: {robot.StandardError.ReadToEnd()}");
        }

        string rest = robot.StandardOutput.ReadToEnd();
        Assert.True(robot.WaitForExit(TimeSpan.FromSeconds(30)), "calibrate-servos did not exit");

        Assert.True(robot.ExitCode == 0, rest + robot.StandardError.ReadToEnd());
        if (repliesLostMidSweep > 0)
        {
            Assert.Contains("failed reads skipped", rest, StringComparison.Ordinal);
        }
        ServoCalibration calibration = ServoCalibrationFile.Load(output);
        Assert.Equal(("so101", "bench-follower", "feetech"), (calibration.Arm, calibration.ArmId, calibration.Bus));
        int swingCounts = (int)(SwingRadians * 4096 / (2 * Math.PI)); // 521 counts either side of the 2048 home
        foreach (FeetechMotor motor in arm.Motors)
        {
            MotorCalibration recorded = calibration.Motors[motor.Name];
            Assert.Equal(motor.Id, recorded.Id);
            Assert.InRange(recorded.RangeMin, 2048 - swingCounts - 8, 2048 - swingCounts + 8);
            Assert.InRange(recorded.RangeMax, 2048 + swingCounts - 8, 2048 + swingCounts + 8);
        }

        ServoCalibration exported = ServoCalibrationFile.ImportLeRobot(lerobot, "so101", "bench-follower", "feetech");
        Assert.Equal(calibration.Motors.OrderBy(m => m.Key), exported.Motors.OrderBy(m => m.Key));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
