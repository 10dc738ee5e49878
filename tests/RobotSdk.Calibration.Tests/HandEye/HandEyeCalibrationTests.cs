using System.Globalization;
using RobotSdk.Calibration.Fiducials;
using RobotSdk.Calibration.HandEye;
using RobotSdk.Calibration.Identification;
using RobotSdk.Calibration.Tests.Identification;
using RobotSdk.Geometry;
using Xunit.Abstractions;

namespace RobotSdk.Calibration.Tests.HandEye;

public sealed class HandEyeCalibrationTests(ITestOutputHelper output)
{
    private const double Degree = Math.PI / 180;

    [Theory]
    [InlineData(CameraMount.Fixed)]
    [InlineData(CameraMount.Wrist)]
    public void SolveClosedForm_RecoversBothPosesExactly_FromNoiseFreePoses(CameraMount mount)
    {
        var scene = new Scene(mount, seed: 1);
        (List<Pose> tools, List<Pose> tagsInCamera, _) = scene.Generate(20, 0);

        HandEyeResult result = HandEyeCalibration.SolveClosedForm(tools, tagsInCamera, mount);

        AssertClose(scene.Camera, result.CameraPose, 1e-9, 1e-9);
        AssertClose(scene.Tag, result.TagPose, 1e-9, 1e-9);
    }

    [Theory]
    [InlineData(CameraMount.Fixed)]
    [InlineData(CameraMount.Wrist)]
    public void Solve_RecoversBothPosesFromNoisyCorners(CameraMount mount)
    {
        var scene = new Scene(mount, seed: mount == CameraMount.Fixed ? 2 : 6);
        (List<Pose> tools, _, List<IReadOnlyList<PixelPoint>> corners) = scene.Generate(40, 0.2);

        HandEyeResult result = HandEyeCalibration.Solve(tools, corners, SyntheticRig.Camera, SyntheticRig.TagSize, mount);

        double position = (result.CameraPose.Position - scene.Camera.Position).Length;
        double angle = result.CameraPose.Orientation.AngleTo(scene.Camera.Orientation);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mount}: camera off by {position * 1000:0.000} mm, {angle / Degree:0.0000} deg; rms {result.RmsReprojectionErrorPixels:0.000} px"));
        AssertClose(scene.Camera, result.CameraPose, 0.002, 0.1 * Degree);
        AssertClose(scene.Tag, result.TagPose, 0.002, 0.2 * Degree);
        Assert.InRange(result.RmsReprojectionErrorPixels, 0.15, 0.25);
    }

    [Fact]
    public void TagPoseEstimator_RecoversTheSceneTagPoses_FromTheCornersHandEyeUses()
    {
        var scene = new Scene(CameraMount.Fixed, seed: 3);
        (_, List<Pose> tagsInCamera, List<IReadOnlyList<PixelPoint>> corners) = scene.Generate(10, 0);

        for (int i = 0; i < 10; i++)
        {
            Pose estimated = TagPoseEstimator.Estimate(SyntheticRig.Lens, corners[i], SyntheticRig.TagSize).CameraFromObject;
            AssertClose(tagsInCamera[i], estimated, 1e-7, 1e-6);
        }
    }

    [Fact]
    public void SolveClosedForm_Throws_WhenGivenTooFewPoses()
    {
        var exception = Assert.Throws<ArgumentException>(() => HandEyeCalibration.SolveClosedForm([Pose.Identity, Pose.Identity], [Pose.Identity, Pose.Identity], CameraMount.Fixed));
        Assert.Contains("at least 3 poses; got 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_Throws_WhenCountsDoNotMatch()
    {
        var scene = new Scene(CameraMount.Fixed, seed: 4);
        (List<Pose> tools, _, List<IReadOnlyList<PixelPoint>> corners) = scene.Generate(5, 0);

        var exception = Assert.Throws<ArgumentException>(() => HandEyeCalibration.Solve(tools, corners.Take(4).ToList(), SyntheticRig.Camera, SyntheticRig.TagSize, CameraMount.Fixed));
        Assert.Contains("Got 4 corner sets for 5 poses", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SolveClosedForm_Throws_WhenAPoseIsNaN()
    {
        Pose bad = new(new Vector3D(double.NaN, 0, 0), Rotation.Identity);
        var exception = Assert.Throws<ArgumentException>(() => HandEyeCalibration.SolveClosedForm([Pose.Identity, bad, Pose.Identity], [Pose.Identity, Pose.Identity, Pose.Identity], CameraMount.Fixed));
        Assert.Contains("Pose 1 is not a finite rigid transform", exception.Message, StringComparison.Ordinal);
    }

    private static void AssertClose(Pose expected, Pose actual, double meters, double radians)
    {
        double position = (expected.Position - actual.Position).Length;
        double angle = expected.Orientation.AngleTo(actual.Orientation);
        Assert.True(position <= meters, $"position off by {position} m");
        Assert.True(angle <= radians, $"orientation off by {angle} rad");
    }

    /// <summary>
    /// A hand-eye scene without a chain: tag poses in front of the camera (printed face towards it within
    /// 40 degrees, 0.35 to 0.75 m away, tag frame of AprilTagGeometry) are drawn first, and the tool pose that produces each follows from the truth.
    /// </summary>
    private sealed class Scene
    {
        private readonly Random _random;
        private readonly CameraMount _mount;

        public Scene(CameraMount mount, int seed)
        {
            _mount = mount;
            _random = new Random(seed);
            Camera = mount == CameraMount.Fixed
                ? new Pose(new Vector3D(0.6, 0.3, 0.5), Rotation.FromRollPitchYaw(-2.2, 0.1, 2.6))
                : new Pose(new Vector3D(0.03, -0.01, -0.06), Rotation.FromRollPitchYaw(0.2, -0.3, 1.4));
            Tag = mount == CameraMount.Fixed
                ? new Pose(new Vector3D(0.0, 0.01, -0.03), Rotation.FromRollPitchYaw(0.3, -0.2, 0.5))
                : new Pose(new Vector3D(0.25, -0.05, 0.0), Rotation.FromRollPitchYaw(0, 0, 0.4));
        }

        /// <summary>Fixed: camera in the world; wrist: camera in the tool frame.</summary>
        public Pose Camera { get; }

        /// <summary>Fixed: tag in the tool frame; wrist: tag in the world.</summary>
        public Pose Tag { get; }

        public (List<Pose> Tools, List<Pose> TagsInCamera, List<IReadOnlyList<PixelPoint>> Corners) Generate(int count, double noisePixels)
        {
            Vector3D[] tagCorners = AprilTagGeometry.Corners(SyntheticRig.TagSize);
            var tools = new List<Pose>();
            var tags = new List<Pose>();
            var corners = new List<IReadOnlyList<PixelPoint>>();
            while (tools.Count < count)
            {
                double depth = 0.35 + (0.4 * _random.NextDouble());
                var position = new Vector3D(depth * 0.6 * (_random.NextDouble() - 0.5), depth * 0.45 * (_random.NextDouble() - 0.5), depth);
                var tilt = new Vector3D(_random.NextDouble() - 0.5, _random.NextDouble() - 0.5, 0);
                // Tag z (into the printed face) along the camera's z, tilted up to 40 degrees, any roll.
                Rotation facing = Rotation.FromAxisAngle(tilt, 40 * Degree * _random.NextDouble())
                    * Rotation.FromAxisAngle(new Vector3D(0, 0, 1), 2 * Math.PI * _random.NextDouble());
                var tagInCamera = new Pose(position, facing);
                var pixels = new PixelPoint[4];
                bool visible = true;
                for (int k = 0; k < 4; k++)
                {
                    visible &= SyntheticRig.Lens.TryProject(tagInCamera.Transform(tagCorners[k]), out pixels[k]);
                    pixels[k] = new PixelPoint(pixels[k].X + (noisePixels * Gaussian()), pixels[k].Y + (noisePixels * Gaussian()));
                    visible &= pixels[k].X is > 0 and < 640 && pixels[k].Y is > 0 and < 480;
                }

                if (!visible)
                {
                    continue;
                }

                // Fixed: Camera * C = Tool * Tag. Wrist: Tool * Camera * C = Tag.
                Pose tool = _mount == CameraMount.Fixed
                    ? Camera * tagInCamera * Tag.Inverse()
                    : Tag * tagInCamera.Inverse() * Camera.Inverse();
                tools.Add(tool);
                tags.Add(tagInCamera);
                corners.Add(pixels);
            }

            return (tools, tags, corners);
        }

        private double Gaussian()
        {
            double u = 1 - _random.NextDouble();
            return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * _random.NextDouble());
        }
    }
}
