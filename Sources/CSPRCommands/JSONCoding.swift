import Foundation

/// JSON as cspr writes it: snake_case keys, sorted for stable output.
enum JSONCoding {
  static func encoder(pretty: Bool) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting =
      pretty
      ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      : [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  static func line(_ value: some Encodable) throws -> String {
    String(decoding: try encoder(pretty: false).encode(value), as: UTF8.self)
  }

  static func pretty(_ value: some Encodable) throws -> String {
    String(decoding: try encoder(pretty: true).encode(value), as: UTF8.self)
  }
}
