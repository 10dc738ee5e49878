using System.Globalization;
using RobotSdk.Calibration.Identification;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using Xunit.Abstractions;

namespace RobotSdk.Calibration.Tests.Identification;

/// <summary>
/// The tag-mount prior (<see cref="KinematicIdentificationOptions.TagMountPrior"/>) on synthetic
/// geometry: it must determine the last link's length along the wrist-roll axis, which the images
/// alone cannot tell from the tag's pose, and it must be weighed, not imposed.
/// </summary>
public sealed class TagMountPriorTests(ITestOutputHelper output)
{
    private const double Degree = Math.PI / 180;

    [Fact]
    public void Solve_DeterminesTheLastLinkAlongTheRollAxis_WithAPrior_ButNotWithout()
    {
        // WidowX: the gripper link lies exactly along wrist_rotate's axis, so the images cannot see its length at all.
        var rig = new SyntheticRig("wx250s", 81, lastLinkErrorMeters: 0.002, toolLinkErrorMeters: 0);
        List<PoseObservation> observations = rig.Observe(60, 0.2);
        List<PoseObservation> heldOut = rig.Observe(30, 0);
        int last = rig.Nominal.Joints.Count - 1;

        KinematicCalibration free = KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, observations);
        KinematicCalibration withPrior = KinematicIdentification.Solve(
            rig.Nominal,
            SyntheticRig.Camera,
            SyntheticRig.TagSize,
            observations,
            new KinematicIdentificationOptions { TagMountPrior = new TagMountPrior(DrawingOf(rig.TagInLastJoint), 0.001, 2) });

        output.WriteLine(withPrior.Identifiability.ToString());
        double freeToolError = MedianToolError(rig, free, heldOut);
        double priorToolError = MedianToolError(rig, withPrior, heldOut);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"true last link error {rig.TrueLinkErrors[last] * 1000:0.000} mm; estimated {withPrior.LinkLengthErrorsMeters[last] * 1000:0.000} mm with the prior; median tool error {freeToolError * 1000:0.00} mm without, {priorToolError * 1000:0.00} mm with"));

        Assert.Contains(free.Identifiability.Held, h => h.Parameter.Name == "wrist_rotate link length" && h.AbsorbedInto == "the tag pose");
        Assert.Equal(0, free.LinkLengthErrorsMeters[last]);
        Assert.True(freeToolError > 0.0015, $"without the prior the 2 mm along the roll axis should stay in the tool error; it is {freeToolError * 1000} mm");

        Assert.DoesNotContain(withPrior.Identifiability.Held, h => h.Parameter.Name == "wrist_rotate link length");
        Assert.Contains(withPrior.Identifiability.DeterminedByTagMountPrior, p => p.Name == "wrist_rotate link length");
        Assert.True(Math.Abs(withPrior.LinkLengthErrorsMeters[last] - rig.TrueLinkErrors[last]) < 0.0006, "the estimate should be off by about the mount's own error (0.4 mm)");
        Assert.True(priorToolError < 0.0007, $"median tool error with the prior {priorToolError * 1000} mm");
        Assert.Contains(withPrior.Identifiability.Lines, line => line.StartsWith("Tag-mount prior used: the tag's pose in the wrist_rotate frame", StringComparison.Ordinal));
        Assert.Contains(withPrior.Identifiability.Lines, line => line.StartsWith("Determined by the tag-mount prior", StringComparison.Ordinal) && line.Contains("wrist_rotate link length", StringComparison.Ordinal));
        Assert.InRange(withPrior.Identifiability.TagMountPositionFromPriorMeters!.Value, 0, 0.001);
        Assert.InRange(withPrior.Identifiability.TagMountRotationFromPriorDegrees!.Value, 0, 2);
        Assert.Null(free.Identifiability.TagMountPrior);
    }

    [Fact]
    public void Solve_WeighsThePriorAgainstTheImages_SoATightWrongPriorBiasesTheResultAndALooseOneDoesNot()
    {
        // SO-101: the link ending at wrist_roll is partly across the roll axis, so the images do see its length, weakly.
        var rig = new SyntheticRig("so101", 82, lastLinkErrorMeters: 0.0015, toolLinkErrorMeters: 0);
        List<PoseObservation> observations = rig.Observe(80, 0.2);
        int last = rig.Nominal.Joints.Count - 1;
        Pose truth = rig.TagInLastJoint;
        // A drawing 3 mm wrong along the roll axis (the last joint's z): exactly the direction the link length trades with.
        Pose wrong = truth with { Position = truth.Position + new Vector3D(0, 0, 0.003) };

        double Estimate(Pose mount, double positionSigma)
        {
            KinematicCalibration result = KinematicIdentification.Solve(
                rig.Nominal,
                SyntheticRig.Camera,
                SyntheticRig.TagSize,
                observations,
                new KinematicIdentificationOptions { TagMountPrior = new TagMountPrior(mount, positionSigma, 2) });
            return result.LinkLengthErrorsMeters[last] - rig.TrueLinkErrors[last];
        }

        double tight = Estimate(wrong, 1e-5);
        double loose = Estimate(wrong, 0.1);
        double right = Estimate(truth, 1e-5);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"last link length error off by: wrong prior at 0.01 mm {tight * 1000:0.000} mm, wrong prior at 100 mm {loose * 1000:0.000} mm, right prior at 0.01 mm {right * 1000:0.000} mm"));

        Assert.True(Math.Abs(tight) > 0.001, "a tight prior 3 mm wrong should drag the link length with it");
        Assert.True(Math.Abs(loose) < 0.0003, "a loose prior should leave the link length to the images");
        Assert.True(Math.Abs(right) < 0.0003, "a tight, right prior should agree with the images");
    }

    public static TheoryData<string, TagMountPrior, string> BadPriors => new()
    {
        { "position", new TagMountPrior(new Pose(new Vector3D(double.NaN, 0, 0), Rotation.Identity), 0.001, 2), "The tag-mount prior's position (NaN, 0, 0) is not finite" },
        { "orientation", new TagMountPrior(new Pose(Vector3D.Zero, new Rotation(0, 0, 0, 0)), 0.001, 2), "The tag-mount prior's orientation (0, 0, 0, 0) is not a unit quaternion" },
        { "negative position sigma", new TagMountPrior(Pose.Identity, -0.001, 2), "PositionStandardDeviationMeters must be a positive number of metres; it is -0.001" },
        { "zero rotation sigma", new TagMountPrior(Pose.Identity, 0.001, 0), "RotationStandardDeviationDegrees must be a positive number of degrees; it is 0" },
        { "NaN rotation sigma", new TagMountPrior(Pose.Identity, 0.001, double.NaN), "RotationStandardDeviationDegrees must be a positive number of degrees; it is NaN" },
    };

    [Theory]
    [MemberData(nameof(BadPriors))]
    public void Solve_Throws_WhenThePriorIsBad(string what, TagMountPrior prior, string message)
    {
        var rig = new SyntheticRig("so101", 83);
        List<PoseObservation> observations = rig.Observe(12, 0);

        ArgumentException exception = Assert.ThrowsAny<ArgumentException>(() => KinematicIdentification.Solve(
            rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, observations, new KinematicIdentificationOptions { TagMountPrior = prior }));

        output.WriteLine($"{what}: {exception.Message}");
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
        Assert.Equal("options", exception.ParamName);
    }

    [Fact]
    public void Solve_Throws_WhenAPriorComesWithAWristCamera()
    {
        var rig = new SyntheticRig("so101", 84);
        var options = new KinematicIdentificationOptions { Mount = CameraMount.Wrist, TagMountPrior = new TagMountPrior(Pose.Identity, 0.001, 2) };

        var exception = Assert.Throws<ArgumentException>(() => KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, rig.Observe(12, 0), options));

        Assert.Contains("with a wrist camera the tag is in the scene", exception.Message, StringComparison.Ordinal);
    }

    /// <summary>The drawing of a holder that, as printed, sits at <paramref name="asPrinted"/>: 0.4 mm and 0.8 degrees away.</summary>
    private static Pose DrawingOf(Pose asPrinted) =>
        asPrinted * new Pose(new Vector3D(0.0003, -0.0002, 0.00015), Rotation.FromAxisAngle(new Vector3D(1, 2, -1).Normalized(), 0.8 * Degree));

    /// <summary>Median distance, in the camera frame, between the calibrated tool point and the true one.</summary>
    private static double MedianToolError(SyntheticRig rig, KinematicCalibration result, List<PoseObservation> poses)
    {
        var calibrated = new SerialChain(result.Calibrated, rig.Robot);
        double[] errors = [.. poses.Select(pose =>
        {
            double[] q = [.. pose.JointPositions];
            Vector3D truth = rig.CameraPose.Inverse().Transform(rig.TrueTool(q).Position);
            return (result.CameraPose.Inverse().Transform(calibrated.ToolPosition(q)) - truth).Length;
        }).Order()];
        return errors[errors.Length / 2];
    }
}
