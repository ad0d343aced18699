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
    let temporary = temporaryFile(beside: path)
    guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
      throw WriteError(
        path: path, reason: reasonForFailure(folder: temporary.deletingLastPathComponent().path))
    }
    try move(temporary, over: path)
  }

  /// A hidden temporary file in the folder of `path`, on the same file system.
  public static func temporaryFile(beside path: String) -> URL {
    let url = URL(fileURLWithPath: path)
    return url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
  }

  /// Renames a finished temporary file over `path` in one step; on failure the temporary file
  /// is removed.
  public static func move(_ temporary: URL, over path: String) throws {
    if rename(temporary.path, path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw WriteError(path: path, reason: reason)
    }
  }

  /// Writes text as UTF-8.
  public static func write(_ text: String, to path: String) throws {
    try write(Data(text.utf8), to: path)
  }

  /// Why a file could not be created in `folder`, as far as can be told.
  static func reasonForFailure(folder: String) -> String {
    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
      return "the folder does not exist"
    }
    if !FileManager.default.isWritableFile(atPath: folder) { return "the folder is not writable" }
    return "the disk may be full"
  }
}
