import Foundation
import Yams

/// Wording that guidance asks reviews to avoid, kept as data beside the taxonomy so that a
/// partnership can extend it.
public struct LanguageList: Sendable {
  /// One term to flag.
  public struct Term: Sendable, Hashable {
    /// The words to find.
    public var phrase: String
    /// When the term is a problem (a note for readers).
    public var appliesTo: String
    /// The wording to use instead.
    public var prefer: String
    /// Why.
    public var reason: String
  }

  /// The terms.
  public var terms: [Term]

  /// The bundled list, with the file at `path` added when given.
  public static func load(overlay path: String? = nil) throws -> LanguageList {
    guard let url = Bundle.module.url(forResource: "language", withExtension: "yaml"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else {
      throw TaxonomyError(file: "default", message: "the bundled language list is missing")
    }
    var list = try parse(text, file: "default language list")
    if let path {
      guard let data = FileManager.default.contents(atPath: path),
        let extra = String(data: data, encoding: .utf8)
      else {
        throw TaxonomyError(file: path, message: "cannot read the file as UTF-8 text")
      }
      list.terms += try parse(extra, file: path).terms
    }
    return list
  }

  /// Parses a language list file.
  public static func parse(_ text: String, file: String) throws -> LanguageList {
    let reader = NodeReader(file: file)
    let root = try NodeReader.compose(text, file: file)
    guard let sequence = root["terms"]?.sequence else {
      throw reader.error(root, "expected `terms:` with a list of terms")
    }
    return LanguageList(
      terms: try sequence.map { node in
        guard let phrase = node["phrase"] else { throw reader.error(node, "a term needs `phrase`") }
        return Term(
          phrase: try reader.string(phrase),
          appliesTo: try node["applies_to"].map(reader.string) ?? "",
          prefer: try node["prefer"].map(reader.string) ?? "",
          reason: try node["reason"].map(reader.string) ?? "")
      })
  }
}
