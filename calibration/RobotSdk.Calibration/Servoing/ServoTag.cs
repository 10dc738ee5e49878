namespace RobotSdk.Calibration.Servoing;

/// <summary>A tag36h11 tag the servo loop looks for: its id and the edge of its black border square.</summary>
/// <param name="Id">The tag's id.</param>
/// <param name="SizeMetres">Edge of the black border square (not of the whole print), metres.</param>
public sealed record ServoTag(int Id, double SizeMetres)
{
    /// <summary>Throws when the size is not a positive number of metres or the id is negative.</summary>
    /// <param name="name">What the tag is (for the message), for example <c>GripperTag</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The id is negative or the size is not positive and finite.</exception>
    public void Validate(string name)
    {
        if (Id < 0)
        {
            throw new ArgumentOutOfRangeException(name, Id, $"{name}: a tag id is 0 or more; it is {Id}.");
        }

        if (!(SizeMetres > 0) || double.IsInfinity(SizeMetres))
        {
            throw new ArgumentOutOfRangeException(name, SizeMetres, $"{name} (tag {Id}): the size must be a positive number of metres; it is {SizeMetres}.");
        }
    }
}
