import CSPRModel
import Foundation

/// Why a file could not be read as a review; each case names the reason in words a user can act on.
public enum IngestError: LocalizedError, Equatable, Sendable {
  /// The file has no bytes, or nothing but white space.
  case empty
  /// The file is binary (an image, an archive…), not a review.
  case binary(what: String)
  /// The file could not be opened or read.
  case unreadable(reason: String)
  /// The file is larger than the limit in force.
  case tooLarge(bytes: Int, limit: Int)
  /// A PDF whose pages carry no text layer.
  case pdfWithoutText
  /// `pdftotext` is not installed.
  case pdftotextMissing
  /// `pdftotext` failed on the file.
  case pdftotextFailed(status: Int32, message: String)
  /// `pdftotext` took longer than the limit.
  case pdftotextTimedOut(seconds: Int)
  /// Reading found no text a reader would see.
  case noText(format: SourceFormat)
  /// The file goes past one of the limits that keep a run safe.
  case limitExceeded(what: String, count: Int, limit: Int)

  public var errorDescription: String? {
    switch self {
    case .empty: "the file is empty"
    case .binary(let what): "this is a binary file (\(what)), not a review in HTML, text or PDF"
    case .unreadable(let reason): "cannot be read: \(reason)"
    case .tooLarge(let bytes, let limit):
      "the file is \(Self.megabytes(bytes)), over the limit of \(Self.megabytes(limit)) "
        + "(raise it with --max-bytes)"
    case .pdfWithoutText:
      "the PDF has no text layer (probably scanned images); run it through OCR first"
    case .pdftotextMissing:
      "reading PDFs needs pdftotext, which is not installed: apt-get install poppler-utils"
    case .pdftotextFailed(let status, let message):
      "pdftotext failed (exit \(status))" + (message.isEmpty ? "" : ": \(message)")
    case .pdftotextTimedOut(let seconds): "pdftotext did not finish within \(seconds) s"
    case .noText(let format): "no readable text was found in this \(format.rawValue) file"
    case .limitExceeded(let what, let count, let limit):
      "too many \(what): \(count), over the limit of \(limit)"
    }
  }

  static func megabytes(_ bytes: Int) -> String {
    bytes >= 1_000_000
      ? String(format: "%.1f MB", Double(bytes) / 1_000_000) : "\(bytes) bytes"
  }
}
