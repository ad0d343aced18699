import Foundation

/// Writes files so that a reader never sees half of one: write a temporary file beside the
/// target, then rename it over the target in one step.
public enum AtomicFile {
  /// A write that failed, naming the file and the reason.
  public struct WriteError: LocalizedError {
    /// The file that could not be written.
    public var path: String
    /// Why.
    public var reason: String
    public var errorDescription: String? { "cannot write '\(path)': \(reason)" }
  }

  /// Writes `data` to `path` atomically.
  public static func write(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(
      ".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
      throw WriteError(path: path, reason: reasonForFailure(folder: folder.path))
    }
    if rename(temporary.path, url.path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw WriteError(path: path, reason: reason)
    }
  }

  /// Writes text as UTF-8.
  public static func write(_ text: String, to path: String) throws {
    try write(Data(text.utf8), to: path)
  }

  private static func reasonForFailure(folder: String) -> String {
    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
      return "the folder does not exist"
    }
    if !FileManager.default.isWritableFile(atPath: folder) { return "the folder is not writable" }
    return "the disk may be full"
  }
}
