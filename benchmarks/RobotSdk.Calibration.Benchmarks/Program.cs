using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project benchmarks/RobotSdk.Calibration.Benchmarks -- --filter '*'
// In process: the native libraries (libapriltag, MuJoCo through the repo's shim) are found next to this
// build, and no boilerplate project is rebuilt per benchmark (which timed out on a loaded 2-core machine).
IConfig config = DefaultConfig.Instance.AddJob(Job.Default.WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
