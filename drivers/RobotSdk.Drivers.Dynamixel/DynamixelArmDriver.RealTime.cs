using System.Buffers.Binary;
using System.Diagnostics;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Dynamixel;

/// <summary>The control cycle: one group read, one group write, no allocation, no exceptions for hardware faults.</summary>
public sealed partial class DynamixelArmDriver
{
    /// <summary>Present Current (126, 2 bytes), Present Velocity (128, 4) and Present Position (132, 4): one block per servo.</summary>
    private const ushort BlockAddress = 126;
    private const ushort BlockLength = 10;

    private readonly byte[] _primaryIds;
    private readonly byte[] _allIds;
    private readonly byte[] _readBlock;
    private readonly byte[] _goalBytes;
    private readonly byte[] _torqueBytes;
    private readonly int[] _presentCounts;
    private readonly int[] _goalCounts;
    private int _readFailures;
    private int _writeFailures;

    /// <summary>
    /// Reads every joint's position (rad), velocity (rad/s) and current (A; NaN on servos that
    /// measure none: XL430-W250, XC430-W150) with one Fast Sync Read (or Sync Read). On failure
    /// the frame keeps its previous values.
    /// </summary>
    /// <param name="state">A frame of <see cref="RobotDescription.Joints"/>'s length.</param>
    /// <returns>Ok; Error for a timeout or corrupt reply (MustDeactivate after too many in a row); MustDeactivate for a vanished port or a hardware alert.</returns>
    public DriverStatus Read(JointFrame state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ThrowIfWrongSize(state);
        BusStatus status = ReadBlock();
        if (status != BusStatus.Ok)
        {
            return Classify(status, ref _readFailures);
        }

        _readFailures = 0;
        Span<double> positions = state.Positions;
        Span<double> velocities = state.Velocities;
        Span<double> currents = state.Currents;
        for (int index = 0; index < _joints.Length; index++)
        {
            DynamixelJoint joint = _joints[index];
            positions[index] = joint.ToRadians(_presentCounts[index]);
            ReadOnlySpan<byte> block = _readBlock.AsSpan(index * BlockLength, BlockLength);
            velocities[index] = joint.Direction * ServoUnits.VelocityToRadiansPerSecond(BinaryPrimitives.ReadInt32LittleEndian(block[2..]));
            currents[index] = joint.Direction * ServoUnits.CurrentToAmperes(BinaryPrimitives.ReadInt16LittleEndian(block), joint.Model);
        }

        state.TimestampTicks = Stopwatch.GetTimestamp();
        return DriverStatus.Ok;
    }

    /// <summary>
    /// Sends every joint's goal position with one Sync Write to the primary servos (shadows
    /// follow through Secondary ID). A non-finite position keeps that joint's previous goal.
    /// Does nothing unless the driver is active (torque is off).
    /// </summary>
    /// <param name="command">A frame of <see cref="RobotDescription.Joints"/>'s length; positions in radians.</param>
    /// <returns>Ok; Error when the packet could not be sent (MustDeactivate after too many in a row); MustDeactivate for a vanished port.</returns>
    public DriverStatus Write(JointFrame command)
    {
        ArgumentNullException.ThrowIfNull(command);
        ThrowIfWrongSize(command);
        if (State != DriverState.Active)
        {
            return DriverStatus.Ok;
        }

        ReadOnlySpan<double> positions = command.Positions;
        for (int index = 0; index < _joints.Length; index++)
        {
            double position = positions[index];
            if (double.IsFinite(position))
            {
                _goalCounts[index] = _joints[index].ToCountsClamped(position);
            }
        }

        BusStatus status = WriteGoals();
        if (status != BusStatus.Ok)
        {
            return Classify(status, ref _writeFailures);
        }

        _writeFailures = 0;
        return DriverStatus.Ok;
    }

    /// <summary>One group read of the primaries' present values into the block buffer and <see cref="_presentCounts"/>.</summary>
    private BusStatus ReadBlock()
    {
        BusStatus status = UsesFastSyncRead
            ? Bus.FastSyncRead(BlockAddress, BlockLength, _primaryIds, _readBlock)
            : Bus.SyncRead(BlockAddress, BlockLength, _primaryIds, _readBlock);
        if (status == BusStatus.Ok)
        {
            for (int index = 0; index < _presentCounts.Length; index++)
            {
                _presentCounts[index] = BinaryPrimitives.ReadInt32LittleEndian(_readBlock.AsSpan((index * BlockLength) + 6));
            }
        }

        return status;
    }

    private BusStatus WriteGoals()
    {
        for (int index = 0; index < _goalCounts.Length; index++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_goalBytes.AsSpan(index * 4), _goalCounts[index]);
        }

        return Bus.SyncWrite(XSeriesControlTable.GoalPosition.Address, 4, _primaryIds, _goalBytes);
    }

    /// <summary>Torque Enable for every servo, shadows included, in one Sync Write.</summary>
    private BusStatus SetTorque(bool enabled)
    {
        Array.Fill(_torqueBytes, enabled ? (byte)1 : (byte)0);
        return Bus.SyncWrite(XSeriesControlTable.TorqueEnable.Address, 1, _allIds, _torqueBytes);
    }

    /// <summary>The driver status of a failed transaction; the bus has already recorded the fault (port, ID, register).</summary>
    private DriverStatus Classify(BusStatus status, ref int consecutiveFailures)
    {
        if (status is BusStatus.Disconnected or BusStatus.HardwareAlert)
        {
            return DriverStatus.MustDeactivate;
        }

        return ++consecutiveFailures >= _maxConsecutiveFailures ? DriverStatus.MustDeactivate : DriverStatus.Error;
    }

    private void ThrowIfWrongSize(JointFrame frame)
    {
        if (frame.Count != _joints.Length)
        {
            throw new ArgumentException($"The {Arm.Model} has {_joints.Length} joints; the frame has {frame.Count}.", nameof(frame));
        }
    }
}
