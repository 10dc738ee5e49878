using RobotSdk.Calibration.Files;
using RobotSdk.Geometry;
using RobotSdk.Hardware;

namespace RobotSdk.Calibration.Tests.Files;

/// <summary>A calibration file reaches a robot's kinematics only on the arm it was made on.</summary>
public sealed class KinematicCalibrationUseTests : IDisposable
{
    private const string ThisArm = "demo-arm unit 1";
    private static readonly RobotDescription Arm = DemoArm.Description with { Identity = ThisArm };
    private readonly string directory = Directory.CreateTempSubdirectory("robotsdk-kinematic-use-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void UseCalibration_PutsTheFilesChainIntoTheOptions_AndTheRobotUsesIt()
    {
        string path = Save(Calibration());

        StoredKinematicCalibration loaded = KinematicCalibrationFile.LoadFor(path, Arm);
        RobotOptions options = new RobotOptions().UseCalibration(loaded, Arm, path);
        using var robot = new Robot(new MirrorDriver(Arm), options);

        Assert.Same(loaded.Calibrated, options.Kinematics);
        Assert.Same(loaded.Calibrated, robot.Kinematics!.Description);
        Assert.Equal(ShiftedChain().Joints, robot.Kinematics.Description.Joints);
    }

    [Fact]
    public void LoadFor_RefusesTheFileOfAnotherArmOfTheSameModel_NamingTheFileAndBothIdentities()
    {
        string path = Save(Calibration() with { ArmIdentity = "demo-arm unit 2" });

        var error = Assert.Throws<CalibrationMismatchException>(() => KinematicCalibrationFile.LoadFor(path, Arm));

        Assert.Equal($"{path}: this kinematic calibration was made for the 'demo-arm' arm 'demo-arm unit 2', not this one ('{ThisArm}'); calibrate this arm.", error.Message);
    }

    [Fact]
    public void LoadFor_RefusesTheFileOfAnotherModel()
    {
        string path = Save(Calibration() with { Arm = "so101", ArmIdentity = "so101 ids 1,2,3,4,5,6" });

        var error = Assert.Throws<CalibrationMismatchException>(() => KinematicCalibrationFile.LoadFor(path, Arm));

        Assert.Equal($"{path}: this kinematic calibration was made for a 'so101' arm ('so101 ids 1,2,3,4,5,6'), not a 'demo-arm' ('{ThisArm}').", error.Message);
    }

    [Fact]
    public void LoadFor_RefusesAChainOverOtherJoints_EvenWithTheRightIdentity()
    {
        KinematicChainDescription shifted = ShiftedChain();
        KinematicJoint[] joints = [.. shifted.Joints];
        joints[4] = joints[4] with { JointName = "wrist_twist" };
        string path = Save(Calibration() with { Calibrated = shifted with { Joints = joints } });

        var error = Assert.Throws<CalibrationMismatchException>(() => KinematicCalibrationFile.LoadFor(path, Arm));

        Assert.Equal(
            $"{path}: this kinematic calibration's chain moves shoulder_pan, shoulder_lift, elbow_flex, wrist_flex, wrist_twist; the 'demo-arm' arm '{ThisArm}' moves shoulder_pan, shoulder_lift, elbow_flex, wrist_flex, wrist_roll.",
            error.Message);
    }

    [Fact]
    public void UseCalibration_OnOptions_RefusesAnotherArm_AndLeavesTheOptionsAlone()
    {
        StoredKinematicCalibration other = Calibration() with { ArmIdentity = "demo-arm unit 2" };
        var options = new RobotOptions();

        Assert.Throws<CalibrationMismatchException>(() => options.UseCalibration(other, Arm, "other.json"));

        Assert.Null(options.Kinematics);
    }

    [Fact]
    public void UseCalibration_OnAConnectedRobot_SwapsItsKinematics_OnlyForItsOwnFile()
    {
        using var robot = new Robot(new MirrorDriver(Arm));
        robot.Connect();
        StoredKinematicCalibration mine = Calibration();

        Assert.Throws<CalibrationMismatchException>(() => robot.UseCalibration(mine with { ArmIdentity = "demo-arm unit 2" }, "other.json"));
        Assert.Same(Arm.Kinematics, robot.Kinematics!.Description);
        robot.UseCalibration(mine, "mine.json");

        Assert.Same(mine.Calibrated, robot.Kinematics.Description);
    }

    /// <summary>The demo arm's chain with a 1 degree shoulder-lift offset folded into that joint's origin.</summary>
    private static KinematicChainDescription ShiftedChain()
    {
        KinematicChainDescription nominal = DemoArm.Description.Kinematics!;
        KinematicJoint[] joints = [.. nominal.Joints];
        joints[1] = joints[1] with { Origin = joints[1].Origin with { Orientation = Rotation.FromAxisAngle(joints[1].Axis, Math.PI / 180) } };
        return nominal with { Joints = joints };
    }

    private static StoredKinematicCalibration Calibration() =>
        KinematicCalibrationFileTests.Sample("demo-arm", ThisArm) with
        {
            Calibrated = ShiftedChain(),
            JointOffsetsRadians = [0, Math.PI / 180, 0, 0, 0],
            LinkLengthErrorsMeters = [0, 0, 0, 0, 0, 0],
        };

    private string Save(StoredKinematicCalibration calibration)
    {
        string path = Path.Combine(directory, $"{Guid.NewGuid():N}.kinematics.json");
        KinematicCalibrationFile.Save(calibration, path);
        return path;
    }
}
