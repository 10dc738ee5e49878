namespace RobotSdk.Policy.Remote;

/// <summary>How an image's uint8 pixels are laid out, as the policy expects them.</summary>
public enum ImageLayout
{
    /// <summary>Height, width, channels (interleaved RGB rows): LIBERO and DROID, shape [H, W, 3].</summary>
    HeightWidthChannels,

    /// <summary>Channels, height, width (planar): ALOHA, shape [3, H, W].</summary>
    ChannelsHeightWidth,
}
