import Foundation

/// A folder of reports: files are written atomically, and a file that cspr did not write is
/// never overwritten unless the user says `--force`.
///
/// The names of the files cspr wrote are kept in `.cspr-manifest` inside the folder.
public final class OutputFolder {
  /// The folder's path.
  public let path: String
  private let force: Bool
  private var previous: Set<String>
  private var written: [String] = []

  /// A file that is in the way, or a name that is not safe.
  public struct RefusedError: LocalizedError {
    /// What was refused and why.
    public var message: String
    public var errorDescription: String? { message }
  }

  static let manifestName = ".cspr-manifest"

  /// Opens (creating it if needed) the folder at `path`.
  public init(path: String, force: Bool) throws {
    self.path = path
    self.force = force
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw RefusedError(message: "'\(path)' exists and is not a folder")
      }
    } else {
      do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      } catch {
        throw RefusedError(
          message: "cannot create the folder '\(path)': \(error.localizedDescription)")
      }
    }
    let manifest = (path as NSString).appendingPathComponent(Self.manifestName)
    let listed = (try? String(contentsOfFile: manifest, encoding: .utf8)) ?? ""
    previous = Set(listed.split(separator: "\n").map(String.init))
  }

  /// Writes text to a path relative to the folder (`themes/neglect.html`).
  public func write(_ text: String, to relative: String) throws {
    try write(Data(text.utf8), to: relative)
  }

  /// Writes bytes to a path relative to the folder.
  public func write(_ data: Data, to relative: String) throws {
    let target = try prepare(relative)
    try AtomicFile.write(data, to: target)
    written.append(relative)
  }

  /// Moves a finished temporary file into place (for files streamed as they are built).
  public func install(_ temporary: URL, as relative: String) throws {
    try AtomicFile.move(temporary, over: try prepare(relative))
    written.append(relative)
  }

  /// A temporary file inside the folder, on the same file system as its final place.
  public func temporaryFile(for relative: String) throws -> URL {
    AtomicFile.temporaryFile(beside: try prepare(relative))
  }

  /// Records what was written, so the next run may replace it.
  public func finish() throws {
    let names = Set(written).union(previous).sorted().joined(separator: "\n") + "\n"
    try AtomicFile.write(
      Data(names.utf8), to: (path as NSString).appendingPathComponent(Self.manifestName))
  }

  /// Checks a relative path and makes its folder; returns the absolute path.
  private func prepare(_ relative: String) throws -> String {
    let components = relative.split(separator: "/")
    guard !components.isEmpty,
      components.allSatisfy({ $0 != ".." && $0 != "." && !$0.hasPrefix(".") && !$0.isEmpty })
    else {
      throw RefusedError(message: "refusing to write outside the output folder: '\(relative)'")
    }
    let target = (path as NSString).appendingPathComponent(relative)
    if FileManager.default.fileExists(atPath: target) && !previous.contains(relative) && !force
      && !written.contains(relative)
    {
      throw RefusedError(
        message: "'\(target)' exists and was not written by cspr; use --force to replace it")
    }
    let folder = (target as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return target
  }
}
