import ArgumentParser
import CSPRIngest
import Foundation

/// The options every command that reads reviews shares.
struct InputOptions: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "Review files or folders to read (folders are searched recursively for .html, .htm, "
        + ".txt, .md and .pdf files); - reads standard input.",
      valueName: "path"))
  var paths: [String] = []

  @Option(name: .long, help: "Worker threads (default: every core).")
  var jobs: Int = Pipeline.defaultJobs

  @Option(name: .long, help: "Largest file accepted, in bytes.")
  var maxBytes: Int = 200_000_000

  @Option(name: .long, help: "Seconds pdftotext may take over one PDF.")
  var pdfTimeout: Int = 60

  func validate() throws {
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    guard maxBytes >= 1 else { throw ValidationError("--max-bytes must be at least 1") }
    guard pdfTimeout >= 1 else { throw ValidationError("--pdf-timeout must be at least 1") }
  }

  var ingestor: Ingestor { Ingestor(maxBytes: maxBytes, pdfTimeoutSeconds: pdfTimeout) }

  /// The inputs, with unusable paths reported; throws a usage error when nothing was named.
  func collect(diagnostics: Diagnostics, excluding: [String] = []) throws -> [InputSource] {
    guard !paths.isEmpty else {
      throw ValidationError("name at least one review file or folder (or - for standard input)")
    }
    let (inputs, problems) = InputCollector(excluding: excluding).collect(paths)
    for problem in problems { diagnostics.fail(problem.path, problem.reason) }
    if inputs.isEmpty && problems.isEmpty {
      Diagnostics.standardError("cspr: no review files (.html, .htm, .txt, .md, .pdf) found\n")
    }
    return inputs
  }
}

/// Ends a command with exit code 1 when some files failed, after everything else was done.
func finish(_ diagnostics: Diagnostics) throws {
  if diagnostics.failureCount > 0 {
    Diagnostics.standardError(
      "cspr: \(diagnostics.failureCount) file(s) could not be processed; see the messages above\n")
    throw ExitCode(1)
  }
}

/// Writes to standard output without buffering surprises.
struct StandardOutput {
  private var buffer = Data()

  mutating func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count > 1 << 16 { flush() }
  }

  mutating func flush() {
    FileHandle.standardOutput.write(buffer)
    buffer.removeAll(keepingCapacity: true)
  }
}
