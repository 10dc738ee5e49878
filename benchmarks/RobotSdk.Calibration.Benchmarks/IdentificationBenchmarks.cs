using BenchmarkDotNet.Attributes;
using RobotSdk.Calibration.Identification;
using RobotSdk.Calibration.Tests.Identification;

namespace RobotSdk.Calibration.Benchmarks;

/// <summary>
/// Kinematic identification (joint offsets, link lengths, camera and tag poses) over synthetic
/// observations of an arm with 3 degree offsets and 2 mm link errors, 0.2 px corner noise: the seeded
/// scene of the identification tests.
/// </summary>
[WarmupCount(1)]
[IterationCount(5)]
[MemoryDiagnoser]
public class IdentificationBenchmarks
{
    private SyntheticRig _rig = null!;
    private List<PoseObservation> _observations = null!;

    [Params("so101", "wx250s")]
    public string Arm { get; set; } = "so101";

    [Params(50, 150)]
    public int Poses { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _rig = new SyntheticRig(Arm, 21);
        _observations = _rig.Observe(Poses, 0.2);
    }

    [Benchmark]
    public double Solve() => KinematicIdentification.Solve(_rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, _observations).RmsReprojectionErrorPixels;
}
