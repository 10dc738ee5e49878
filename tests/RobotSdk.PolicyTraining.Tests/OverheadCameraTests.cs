using RobotSdk.Geometry;
using RobotSdk.Simulation;
using RobotSdk.Virtual.Tasks;

namespace RobotSdk.PolicyTraining.Tests;

/// <summary>
/// The overhead camera sits at the same pose relative to the base in both worlds: a red cube at one
/// base-frame spot is seen at one pixel on the SO-101 and on the WidowX 250s, where the pinhole
/// projection puts it.
/// </summary>
public sealed class OverheadCameraTests
{
    [Fact]
    public async Task TheRedCube_AtOneBaseFramePosition_LandsOnTheSamePixel_OnBothArms()
    {
        foreach (int seed in new[] { 3, 11 })
        {
            (double U, double V, double ProjectedU, double ProjectedV) so101 = await Locate("so101", seed);
            (double U, double V, double ProjectedU, double ProjectedV) widowX = await Locate("wx250s", seed);
            Assert.True(Math.Abs(so101.U - widowX.U) < 0.5 && Math.Abs(so101.V - widowX.V) < 0.5, $"seed {seed}: so101 sees the cube at ({so101.U:0.00}, {so101.V:0.00}), wx250s at ({widowX.U:0.00}, {widowX.V:0.00})");
            Assert.True(Math.Abs(so101.U - so101.ProjectedU) < 1 && Math.Abs(so101.V - so101.ProjectedV) < 1, $"seed {seed}: seen at ({so101.U:0.00}, {so101.V:0.00}), projected at ({so101.ProjectedU:0.00}, {so101.ProjectedV:0.00})");
        }

        // Two seeds put the cube at different spots, and the image shows it.
        (double U, double V, double, double) first = await Locate("so101", 3);
        (double U, double V, double, double) second = await Locate("so101", 11);
        Assert.True(Math.Abs(first.U - second.U) + Math.Abs(first.V - second.V) > 2);
    }

    /// <summary>The red pixels' centroid in a 64 x 64 overhead image, and where the cube's top face centre projects.</summary>
    private static async Task<(double U, double V, double ProjectedU, double ProjectedV)> Locate(string arm, int seed)
    {
        SimulatedArmModel model = SimulatedArms.Get(arm);
        using VirtualWorld world = VirtualWorld.Create(model);
        var task = new TouchCubeTask(model, world.Model);
        TouchCubeEpisode episode = task.Reset(world, seed);
        SimulatedCameraOptions options = SimulatedCameraOptions.FromMjcf(SimulationModels.ReadXml(model.World), TouchCubeTask.CameraName);
        options.Width = TouchCubeTask.CameraWidth;
        options.Height = TouchCubeTask.CameraHeight;
        var camera = new SimulatedCamera(world, options);
        await using (camera)
        {
            CameraFrame frame = camera.RenderOnce();
            ReadOnlySpan<byte> pixels = frame.Pixels.Span;
            double sumU = 0, sumV = 0;
            int count = 0;
            for (int v = 0; v < frame.Height; v++)
            {
                for (int u = 0; u < frame.Width; u++)
                {
                    int at = ((v * frame.Width) + u) * 3;
                    // Red: far more red than green or blue (the table is brown, the other cubes green and blue).
                    if (pixels[at] - Math.Max(pixels[at + 1], pixels[at + 2]) > 60)
                    {
                        sumU += u + 0.5;
                        sumV += v + 0.5;
                        count++;
                    }
                }
            }

            int best = 0;
            for (int at = 0; at < pixels.Length; at += 3)
            {
                best = Math.Max(best, pixels[at] - Math.Max(pixels[at + 1], pixels[at + 2]));
            }

            Assert.True(count >= 4, $"{arm}, seed {seed}: only {count} red pixels (most red: R - max(G, B) = {best})");
            Pose basePose = world.Access(simulation => simulation.GetBodyPose("base"));
            Vector3D top = basePose.Transform(episode.CubePosition + new Vector3D(0, 0, TouchCubeTask.CubeHalfEdge));
            Vector3D inCamera = camera.GetOpticalPose().Inverse().Transform(top);
            CameraIntrinsics intrinsics = camera.Intrinsics;
            return (sumU / count, sumV / count,
                intrinsics.PrincipalPointX + (intrinsics.FocalLengthX * inCamera.X / inCamera.Z),
                intrinsics.PrincipalPointY + (intrinsics.FocalLengthY * inCamera.Y / inCamera.Z));
        }
    }
}
