namespace RobotSdk.Policy.Manifest;

/// <summary>
/// One action dimension that drives a robot joint: robot position (radians or metres) =
/// <see cref="Sign"/> × model value + <see cref="Offset"/>, which lets a model trained on one arm
/// drive another whose joints turn the other way or have another zero. The same mapping is
/// applied backwards to the joint's state value.
/// </summary>
/// <param name="Index">Position of the dimension in the action vector.</param>
/// <param name="Joint">The robot joint's name.</param>
/// <param name="Sign">+1 or −1.</param>
/// <param name="Offset">Robot position of model value 0.</param>
public sealed record ActionJoint(int Index, string Joint, double Sign = 1.0, double Offset = 0.0);
