namespace RobotSdk.Policy.Manifest;

/// <summary>How a camera frame is brought to the size an image input expects.</summary>
public enum ImageResize
{
    /// <summary>
    /// Keep the aspect ratio: scale (bilinear) so the frame fits, then center it on a black
    /// canvas, exactly as openpi's <c>resize_with_pad</c> (manifest value <c>resize-with-pad</c>).
    /// </summary>
    WithPadding,

    /// <summary>Scale (bilinear) each axis to the target size, distorting the aspect ratio (manifest value <c>stretch</c>).</summary>
    Stretch,
}
