import Foundation
import Mustache

/// The Mustache templates reports are rendered with: the bundled set, with any template of the
/// same name in a partnership's `--templates` folder taking its place.
public struct ReportTemplates: Sendable {
  /// The names every template set provides.
  public static let names = [
    "style", "overview.html", "overview.md", "theme.html", "theme.md", "reviews.html",
    "reviews.md", "pack.html", "pack.md",
  ]

  let library: MustacheLibrary

  /// A template that could not be read or parsed.
  public struct TemplateError: LocalizedError {
    /// What went wrong.
    public var message: String
    public var errorDescription: String? { message }
  }

  /// Loads the bundled templates and applies the overrides in `folder`, if given.
  public static func load(overrides folder: String? = nil) async throws -> ReportTemplates {
    MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    guard let bundled = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
      throw TemplateError(message: "the bundled report templates are missing")
    }
    var library = try await MustacheLibrary(directory: bundled.path)
    if let folder {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
        isDirectory.boolValue
      else {
        throw TemplateError(message: "--templates '\(folder)' is not a folder")
      }
      do {
        let local = try await MustacheLibrary(directory: folder)
        for name in names {
          if let template = local.getTemplate(named: name) {
            library.register(template, named: name)
          }
        }
      } catch let error as MustacheLibrary.ParserError {
        throw TemplateError(message: "\(folder)/\(error.filename): \(error.error)")
      }
    }
    for name in names where library.getTemplate(named: name) == nil {
      throw TemplateError(message: "no template named '\(name).mustache'")
    }
    return ReportTemplates(library: library)
  }

  /// Renders a page.
  ///
  /// Every string in the context first loses control characters and bidirectional overrides, which
  /// could make review text display as something else.
  public func render(_ context: [String: Any], template: String) -> String {
    library.render(Self.sanitised(context), withTemplate: template) ?? ""
  }

  static func sanitised(_ value: Any) -> Any {
    switch value {
    case let text as String:
      return String(text.unicodeScalars.filter { !Escape.isInvisibleControl($0) })
    case let dictionary as [String: Any]:
      return dictionary.mapValues(sanitised)
    case let array as [[String: Any]]:
      return array.map { sanitised($0) }
    case let array as [String]:
      return array.map { sanitised($0) }
    case let array as [Any]:
      return array.map(sanitised)
    default:
      return value
    }
  }
}

/// Mustache's `{{value}}` for Markdown pages: review text is escaped so that it reads as text.
struct MarkdownContentType: MustacheContentType {
  func escapeText(_ text: String) -> String { Escape.markdown(text) }
}
