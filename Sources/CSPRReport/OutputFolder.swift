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

  /// Writes a file piece by piece, for files too large to build in memory.
  ///
  /// `body` is given a function that appends text. The file is moved into place only when
  /// `body` finishes; on an error the partial file is removed and the previous one, if any, is
  /// left as it was.
  public func stream(to relative: String, _ body: ((String) throws -> Void) throws -> Void)
    throws
  {
    let target = try prepare(relative)
    let temporary = AtomicFile.temporaryFile(beside: target)
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
      let handle = try? FileHandle(forWritingTo: temporary)
    else {
      throw AtomicFile.WriteError(
        path: relative,
        reason: AtomicFile.reasonForFailure(folder: temporary.deletingLastPathComponent().path))
    }
    do {
      try body { try handle.write(contentsOf: Data($0.utf8)) }
      try handle.close()
    } catch {
      try? handle.close()
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
    try AtomicFile.move(temporary, over: target)
    written.append(relative)
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
