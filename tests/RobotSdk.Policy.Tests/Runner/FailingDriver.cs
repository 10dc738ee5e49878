using RobotSdk.Hardware;

namespace RobotSdk.Policy.Tests.Runner;

/// <summary>The mirror driver, whose reads fail like a servo that stopped answering once <see cref="ServoStopsAnswering"/> is set.</summary>
internal sealed class FailingDriver(MirrorDriver inner) : IRobotDriver
{
    private volatile bool failing;

    public RobotDescription Description => inner.Description;

    public DriverState State => inner.State;

    public DriverDiagnostics Diagnostics => inner.Diagnostics;

    public void ServoStopsAnswering() => failing = true;

    public void Configure() => inner.Configure();

    public void Activate(CommandMode mode) => inner.Activate(mode);

    public void Deactivate() => inner.Deactivate();

    public DriverStatus Read(JointFrame state) => failing
        ? throw new HardwareFaultException("/dev/ttyTEST0", 3, "Present_Position", "no complete reply after 3 attempt(s) of 20 ms")
        : inner.Read(state);

    public DriverStatus Write(JointFrame command) => inner.Write(command);

    public void Dispose() => inner.Dispose();
}
