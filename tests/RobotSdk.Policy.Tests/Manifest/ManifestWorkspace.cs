using System.Text.Json.Nodes;
using RobotSdk.Policy.Manifest;

namespace RobotSdk.Policy.Tests.Manifest;

/// <summary>
/// A temporary directory with a DROID-like local manifest, the files it references and an openpi
/// <c>norm_stats.json</c> in the shape openpi's <c>normalize.save</c> writes (pydantic, indent 2).
/// </summary>
internal sealed class ManifestWorkspace : IDisposable
{
    public const string OpenpiNormStats = """
        {
          "norm_stats": {
            "state": {
              "mean": [0.1, -0.2, 0.3, -1.9, 0.05, 2.1, 0.7, 0.4],
              "std": [0.3, 0.4, 0.25, 0.5, 0.2, 0.45, 0.6, 0.48],
              "q01": [-0.6, -1.0, -0.3, -2.9, -0.4, 1.2, -0.5, 0.0],
              "q99": [0.8, 0.7, 0.9, -0.8, 0.5, 3.0, 1.9, 1.0]
            },
            "actions": {
              "mean": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5],
              "std": [0.02, 0.03, 0.02, 0.04, 0.03, 0.05, 0.04, 0.49],
              "q01": [-0.05, -0.07, -0.05, -0.1, -0.07, -0.12, -0.1, 0.0],
              "q99": [0.05, 0.07, 0.05, 0.1, 0.07, 0.12, 0.1, 1.0]
            }
          }
        }
        """;

    public ManifestWorkspace()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("robotsdk-manifest-").FullName;
        File.WriteAllBytes(PathOf("policy.onnx"), [8, 1]);
        File.WriteAllBytes(PathOf("paligemma_tokenizer.model"), [0]);
        File.WriteAllText(PathOf("norm_stats.json"), OpenpiNormStats);
    }

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>A valid manifest: local ONNX, two cameras, 7 joints plus a gripper as joint deltas.</summary>
    public static JsonObject ValidDocument() => JsonNode.Parse("""
        {
          "format": "robotsdk.policy-manifest",
          "version": 1,
          "model": { "kind": "onnx", "path": "policy.onnx" },
          "inputs": {
            "images": [
              { "camera": "exterior", "name": "exterior_image", "width": 224, "height": 224, "resize": "resize-with-pad", "layout": "hwc", "dtype": "uint8" },
              { "camera": "wrist", "name": "wrist_image", "width": 224, "height": 224, "layout": "chw", "dtype": "float32", "range": [-1, 1] }
            ],
            "state": [
              { "name": "joint_position", "joints": ["joint_1", "joint_2", "joint_3", "joint_4", "joint_5", "joint_6", "joint_7"] },
              { "name": "gripper_position", "joints": ["gripper"], "pad_to": 1 }
            ],
            "prompt": { "name": "tokens", "tokenizer": "paligemma_tokenizer.model", "max_tokens": 48, "mask": "token_mask", "default": "pick up the cup" }
          },
          "normalization": {
            "state": { "method": "quantile", "file": "norm_stats.json" },
            "actions": { "method": "z-score", "mean": [0, 0, 0, 0, 0, 0, 0, 0.5], "std": [0.02, 0.03, 0.02, 0.04, 0.03, 0.05, 0.04, 0.49] }
          },
          "actions": {
            "kind": "joint-delta",
            "dimensions": 8,
            "model_dimensions": 32,
            "chunk_length": 10,
            "execution_horizon": 8,
            "control_rate_hz": 15,
            "joints": [
              { "index": 0, "joint": "joint_1" }, { "index": 1, "joint": "joint_2", "sign": -1 }, { "index": 2, "joint": "joint_3" },
              { "index": 3, "joint": "joint_4", "offset": 0.5 }, { "index": 4, "joint": "joint_5" }, { "index": 5, "joint": "joint_6" },
              { "index": 6, "joint": "joint_7" }
            ],
            "grippers": [ { "index": 7, "gripper": "gripper", "closed": 1, "open": 0 } ]
          }
        }
        """)!.AsObject();

    public string Write(JsonObject document, string name = "policy.json")
    {
        string path = PathOf(name);
        File.WriteAllText(path, document.ToJsonString());
        return path;
    }

    public PolicyManifest LoadValid() => PolicyManifestFile.Load(Write(ValidDocument()));

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
