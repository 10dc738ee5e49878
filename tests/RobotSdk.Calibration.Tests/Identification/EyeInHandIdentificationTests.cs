using System.Globalization;
using RobotSdk.Calibration.Fiducials;
using RobotSdk.Calibration.Identification;
using RobotSdk.Geometry;
using Xunit.Abstractions;

namespace RobotSdk.Calibration.Tests.Identification;

/// <summary>A wrist camera looking along the WidowX's gripper at a 40 mm tag lying on the table.</summary>
public sealed class EyeInHandIdentificationTests(ITestOutputHelper output)
{
    private const double Degree = Math.PI / 180;

    // Camera axes in the tool frame: x = -tool y, y = -tool z, z = tool x (looking forwards).
    private static readonly Pose CameraInTool = new RigidMotion(0, 0, 1, -1, 0, 0, 0, -1, 0, -0.05, 0, 0.05).ToPose();
    // Lying face up: the tag frame's z (into the printed face, AprilTagGeometry) points down.
    private static readonly Pose TagInWorld = new(new Vector3D(0.3, 0.02, 0), Rotation.FromRollPitchYaw(0, 0, 0.3) * Rotation.FromAxisAngle(new Vector3D(1, 0, 0), Math.PI));

    [Fact]
    public void Solve_RecoversObservableOffsets_WithAWristCameraAndATableTag()
    {
        var rig = new SyntheticRig("wx250s", 81);
        Vector3D[] tagCorners = AprilTagGeometry.Corners(SyntheticRig.TagSize);
        var observations = new List<PoseObservation>();
        for (int attempt = 0; observations.Count < 60 && attempt < 2_000_000; attempt++)
        {
            double[] q = rig.RandomJoints();
            Pose tool = rig.TrueTool(q);
            Pose cameraToTag = (tool * CameraInTool).Inverse() * TagInWorld;
            Vector3D normal = cameraToTag.Orientation.Rotate(new Vector3D(0, 0, -1)); // out of the printed face
            if (tool.Position.Z < 0.05 || cameraToTag.Position.Z < 0.12 || Vector3D.Dot(normal, -1 * cameraToTag.Position) < 0.4 * cameraToTag.Position.Length)
            {
                continue;
            }

            var corners = new PixelPoint[4];
            bool visible = true;
            for (int k = 0; k < 4 && visible; k++)
            {
                visible = SyntheticRig.Lens.TryProject(cameraToTag.Transform(tagCorners[k]), out corners[k])
                    && corners[k].X is > 10 and < 630 && corners[k].Y is > 10 and < 470;
            }

            if (visible)
            {
                observations.Add(new PoseObservation(q, corners));
            }
        }

        Assert.Equal(60, observations.Count);

        KinematicCalibration result = KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, observations, new KinematicIdentificationOptions { Mount = CameraMount.Wrist });

        output.WriteLine(result.Identifiability.ToString());
        double worst = 0;
        foreach (EstimatedParameter estimated in result.Identifiability.Estimated.Where(e => e.Parameter.Kind == KinematicParameterKind.JointOffset))
        {
            worst = Math.Max(worst, Math.Abs(estimated.Value - rig.TrueOffsets[estimated.Parameter.Index]));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"eye-in-hand: worst observable offset error {worst / Degree:0.000000} deg"));
        Assert.True(worst <= 0.01 * Degree, $"worst offset error {worst / Degree} deg");
        Assert.Contains(result.Identifiability.Held, h => h.Parameter.Name == "waist zero offset" && h.AbsorbedInto == "the tag pose");
        Assert.Contains(result.Identifiability.Held, h => h.Parameter.Name == "wrist_rotate zero offset" && h.AbsorbedInto == "the camera pose");
        Assert.True(result.Identifiability.Estimated.Count(e => e.Parameter.Kind == KinematicParameterKind.JointOffset) >= 3);
    }
}
