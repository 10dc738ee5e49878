using RobotSdk.Calibration.HandEye;
using RobotSdk.Calibration.Identification;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Tests.Identification;

public sealed class CalibrationModelTests
{
    [Theory]
    [InlineData("so101", CameraMount.Fixed)]
    [InlineData("wx250s", CameraMount.Fixed)]
    [InlineData("so101", CameraMount.Wrist)]
    [InlineData("wx250s", CameraMount.Wrist)]
    public void Jacobian_AgreesWithCentralDifferences(string arm, CameraMount mount)
    {
        var rig = new SyntheticRig(arm, 3);
        List<PoseObservation> observations = rig.Observe(12, 0.2);
        CalibrationModel model = CreateModel(rig, observations, mount);
        RigidMotion camera = RigidMotion.FromPose(rig.CameraPose);
        RigidMotion tag = RigidMotion.FromPose(rig.TagPose);
        if (mount == CameraMount.Wrist)
        {
            // A wrist camera 10 cm behind the tool looking along it; the tag where the first pose shows it.
            camera = RigidMotion.FromPose(new Pose(new Vector3D(0.0, 0.02, -0.1), Rotation.FromRollPitchYaw(0.1, 0.2, 0.3)));
            tag = model.Tool(0) * camera * RigidMotion.Translate(new Vector3D(0.01, -0.02, 0.3));
        }

        model.SetPoses(camera, tag);
        var x = new double[model.ParameterCount];
        model.GetParameters(x);
        for (int i = 0; i < model.JointCount; i++)
        {
            x[i] = 0.01 * (i + 1); // away from zero offsets, so every term matters
        }

        var analytic = new double[model.ResidualCount * model.ParameterCount];
        var numeric = new double[analytic.Length];
        model.Jacobian(x, analytic);
        model.NumericJacobian(x, numeric);

        double largest = numeric.Max(Math.Abs);
        for (int i = 0; i < analytic.Length; i++)
        {
            Assert.True(Math.Abs(analytic[i] - numeric[i]) <= 1e-5 * largest, $"entry {i}: analytic {analytic[i]}, numeric {numeric[i]}");
        }
    }

    [Theory]
    [InlineData("so101")]
    [InlineData("wx250s")]
    public void Jacobian_AgreesWithCentralDifferences_WithATagMountPrior(string arm)
    {
        var rig = new SyntheticRig(arm, 4);
        List<PoseObservation> observations = rig.Observe(12, 0.2);
        CalibrationModel model = CreateModel(rig, observations, CameraMount.Fixed);
        model.SetPoses(RigidMotion.FromPose(rig.CameraPose), RigidMotion.FromPose(rig.TagPose));
        // A prior 1 mm and a few degrees from the tag, so the rows are away from zero.
        Pose prior = rig.TagInLastJoint * new Pose(new Vector3D(0.001, 0, -0.0005), Rotation.FromRollPitchYaw(0.03, -0.02, 0.05));
        model.SetTagMountPrior(RigidMotion.FromPose(prior), 0.001, 2 * Math.PI / 180, 0.2);
        var x = new double[model.ParameterCount];
        model.GetParameters(x);
        for (int i = 0; i < model.CameraStart; i++)
        {
            x[i] = 0.001 * (i + 1); // offsets and lengths, the tool link's included, away from zero (pose increments are differentiated at zero)
        }

        var analytic = new double[model.ResidualCount * model.ParameterCount];
        var numeric = new double[analytic.Length];
        model.Jacobian(x, analytic);
        model.NumericJacobian(x, numeric);

        Assert.Equal(model.PixelResidualCount + 6, model.ResidualCount);
        double largest = numeric.Max(Math.Abs);
        int priorStart = model.PixelResidualCount * model.ParameterCount;
        Assert.Contains(numeric.Skip(priorStart), value => Math.Abs(value) > 100); // the prior rows do depend on the tag pose
        for (int i = 0; i < analytic.Length; i++)
        {
            Assert.True(Math.Abs(analytic[i] - numeric[i]) <= 1e-5 * largest, $"entry {i} (row {i / model.ParameterCount}): analytic {analytic[i]}, numeric {numeric[i]}");
        }
    }

    private static CalibrationModel CreateModel(SyntheticRig rig, List<PoseObservation> observations, CameraMount mount) => new(
        rig.Nominal,
        observations.SelectMany(o => o.JointPositions).ToArray(),
        observations.SelectMany(o => o.Corners).ToArray(),
        SyntheticRig.Lens,
        SyntheticRig.TagSize,
        mount);
}
