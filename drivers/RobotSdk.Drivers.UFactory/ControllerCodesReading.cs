using RobotSdk.Drivers.UFactory.Protocol;

namespace RobotSdk.Drivers.UFactory;

/// <summary>The controller's error and warning codes, as read with <see cref="XArmFunction.GetErrorCodes"/>.</summary>
/// <param name="ErrorCode">The error code, 0 when none.</param>
/// <param name="WarningCode">The warning code, 0 when none.</param>
public readonly record struct ControllerCodesReading(int ErrorCode, int WarningCode)
{
    /// <summary>The error's meaning, or null when there is none.</summary>
    public ControllerCode? Error => ErrorCode == 0 ? null : ControllerCodes.DescribeError(ErrorCode);

    /// <summary>The warning's meaning, or null when there is none.</summary>
    public ControllerCode? Warning => WarningCode == 0 ? null : ControllerCodes.DescribeWarning(WarningCode);

    /// <inheritdoc />
    public override string ToString() =>
        (Error, Warning) switch
        {
            (null, null) => "no error, no warning",
            ({ } error, null) => error.Describe('C'),
            (null, { } warning) => warning.Describe('W'),
            ({ } error, { } warning) => $"{error.Describe('C')}; {warning.Describe('W')}",
        };
}
