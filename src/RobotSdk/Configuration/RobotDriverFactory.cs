using RobotSdk.Hardware;

namespace RobotSdk.Configuration;

/// <summary>Creates an unconfigured driver for a robot profile. Must not open hardware.</summary>
public delegate IRobotDriver RobotDriverFactory(RobotDriverContext context);

/// <summary>What a <see cref="RobotDriverFactory"/> gets.</summary>
/// <param name="RobotName">The robot's key.</param>
/// <param name="Profile">The validated profile.</param>
/// <param name="Arm">The arm model the profile names.</param>
/// <param name="Services">The container, for loggers and transports.</param>
public sealed record RobotDriverContext(string RobotName, RobotProfile Profile, RobotDescription Arm, IServiceProvider Services);

/// <summary>A registered driver.</summary>
/// <param name="Name">Name used in profiles.</param>
/// <param name="RequiresPort">Whether profiles must give <see cref="RobotProfile.Port"/>.</param>
/// <param name="Create">The factory.</param>
public sealed record RobotDriverRegistration(string Name, bool RequiresPort, RobotDriverFactory Create);
