namespace RobotSdk.Drivers.Dynamixel;

/// <summary>Where a <see cref="DynamixelCalibrationRecorder"/> stands.</summary>
public enum DynamixelCalibrationStage
{
    /// <summary>Nothing done yet; call <see cref="DynamixelCalibrationRecorder.Begin"/>.</summary>
    NotStarted,

    /// <summary>Torque off, homing offsets cleared; hold the home pose and call <see cref="DynamixelCalibrationRecorder.RecordHome"/>.</summary>
    Begun,

    /// <summary>Zeros written; move every joint through its range while calling <see cref="DynamixelCalibrationRecorder.Sample"/>, then <see cref="DynamixelCalibrationRecorder.Finish"/>.</summary>
    HomeRecorded,

    /// <summary>The calibration was produced and its position limits written.</summary>
    Finished,
}
