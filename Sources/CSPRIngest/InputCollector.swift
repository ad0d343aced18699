import Foundation

/// One input named on the command line, after directories are expanded.
public enum InputSource: Sendable, Hashable {
  /// A file on disk.
  case file(String)
  /// Standard input (`-`).
  case standardInput

  /// The name to show in messages and citations.
  public var name: String {
    switch self {
    case .file(let path): path
    case .standardInput: "-"
    }
  }
}

/// A path that could not be expanded into inputs, with the reason.
public struct InputProblem: Sendable, Hashable, CustomStringConvertible {
  /// The path as given or found.
  public var path: String
  /// Why it was skipped.
  public var reason: String

  /// `path: reason`, the form every per-file message takes.
  public var description: String { "\(path): \(reason)" }
}

/// Expands files, directories (recursively, in sorted order) and `-` into a list of inputs.
public struct InputCollector: Sendable {
  /// File extensions read when walking a directory; files named directly are read whatever
  /// their extension.
  public static let reviewExtensions: Set<String> = [
    "html", "htm", "xhtml", "txt", "text", "md", "markdown", "pdf",
  ]

  /// Directories never walked into (for example the output folder of the same run).
  public var excluded: [String]

  /// Creates a collector.
  public init(excluding excluded: [String] = []) {
    self.excluded = excluded.map { InputCollector.realPath($0) }
  }

  /// The inputs in order, and the paths that could not be used.
  public func collect(_ paths: [String]) -> (inputs: [InputSource], problems: [InputProblem]) {
    var inputs: [InputSource] = []
    var problems: [InputProblem] = []
    var seen: Set<String> = []
    for path in paths {
      if path == "-" {
        inputs.append(.standardInput)
        continue
      }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        problems.append(InputProblem(path: path, reason: "no such file or directory"))
        continue
      }
      if isDirectory.boolValue {
        walk(path, inputs: &inputs, problems: &problems, visited: &seen)
      } else if seen.insert(InputCollector.realPath(path)).inserted {
        inputs.append(.file(path))
      }
    }
    return (inputs, problems)
  }

  /// Walks a directory tree depth-first in sorted order, following each real directory once,
  /// so a symlink loop is visited a single time.
  private func walk(
    _ top: String, inputs: inout [InputSource], problems: inout [InputProblem],
    visited: inout Set<String>
  ) {
    var stack = [top]
    while let directory = stack.popLast() {
      let real = InputCollector.realPath(directory)
      guard visited.insert(real).inserted else { continue }
      if excluded.contains(real) { continue }
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
      } catch {
        problems.append(InputProblem(path: directory, reason: "cannot list the folder"))
        continue
      }
      var subdirectories: [String] = []
      for name in names where !name.hasPrefix(".") {
        let path = (directory as NSString).appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
          continue  // a dangling symlink
        }
        if isDirectory.boolValue {
          subdirectories.append(path)
        } else if InputCollector.reviewExtensions.contains(
          (name as NSString).pathExtension.lowercased()),
          visited.insert(InputCollector.realPath(path)).inserted
        {
          inputs.append(.file(path))
        }
      }
      stack.append(contentsOf: subdirectories.reversed())
    }
  }

  /// The path with symlinks resolved, for loop and duplicate detection.
  static func realPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
