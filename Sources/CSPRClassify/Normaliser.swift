/// One word of normalised text: its stem and where it stands in the original, in UTF-8 bytes.
public struct Token: Sendable, Hashable {
  /// The lowercased, UK-spelled, stemmed word.
  public var stem: String
  /// Byte offset of the word's first byte in the original text's UTF-8.
  public var start: Int
  /// Byte offset just past the word's last byte.
  public var end: Int
}

/// Normalises text once for matching: lowercase; curly quotes and apostrophes folded;
/// possessive 's dropped; hyphens, slashes and punctuation split words; US spellings folded to
/// UK; and every word reduced by a light suffix stemmer, identically for phrases and text.
public enum Normaliser {
  /// The words of `text` in order.
  ///
  /// Works on UTF-8 bytes: ASCII letters and digits are lowercased in place, curly and straight
  /// apostrophes end a word (a following lone "s" or "t" is dropped), any other non-ASCII
  /// letter or digit is part of the word, and everything else separates words.
  public static func tokens(_ text: String) -> [Token] {
    var tokens: [Token] = []
    let utf8 = Array(text.utf8)
    let count = utf8.count
    tokens.reserveCapacity(count / 6)
    var word: [UInt8] = []
    word.reserveCapacity(32)
    var start = 0
    var afterApostrophe = false
    var index = 0
    func finish(_ end: Int) {
      guard !word.isEmpty else { return }
      defer { word.removeAll(keepingCapacity: true) }
      if afterApostrophe && word.count == 1 && (word[0] == 0x73 || word[0] == 0x74) {
        afterApostrophe = false
        return  // "child's" → "child", "didn't" → "didn"
      }
      afterApostrophe = false
      let raw = String(decoding: word, as: UTF8.self)
      if let uk = spellings[raw] {
        tokens.append(Token(stem: stem(uk), start: start, end: end))
      } else {
        stem(&word)
        tokens.append(Token(stem: String(decoding: word, as: UTF8.self), start: start, end: end))
      }
    }
    while index < count {
      let byte = utf8[index]
      if byte < 0x80 {
        if (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) {
          if word.isEmpty { start = index }
          word.append(byte)
        } else if (0x41...0x5A).contains(byte) {
          if word.isEmpty { start = index }
          word.append(byte + 32)
        } else {
          finish(index)
          afterApostrophe = byte == 0x27
        }
        index += 1
        continue
      }
      // A multi-byte scalar: decode it to decide.
      let width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
      let end = min(count, index + width)
      let scalarText = String(decoding: utf8[index..<end], as: UTF8.self)
      let scalar = scalarText.unicodeScalars.first ?? " "
      if scalar == "\u{2019}" || scalar == "\u{2018}" {
        finish(index)
        afterApostrophe = true
      } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
        if word.isEmpty { start = index }
        word.append(contentsOf: scalarText.lowercased().utf8)
      } else {
        finish(index)
        afterApostrophe = false
      }
      index = end
    }
    finish(count)
    return tokens
  }

  /// The stems of a phrase, as matching sees it.
  public static func stems(_ phrase: String) -> [String] {
    tokens(phrase).map(\.stem)
  }

  /// US spellings practitioners' texts and American sources use, folded to UK.
  static let spellings: [String: String] = [
    "behavior": "behaviour", "behaviors": "behaviours", "behavioral": "behavioural",
    "pediatric": "paediatric", "pediatrician": "paediatrician", "pediatrics": "paediatrics",
    "center": "centre", "centers": "centres", "judgment": "judgement", "judgments": "judgements",
    "program": "programme", "programs": "programmes", "fetal": "foetal", "color": "colour",
    "counselor": "counsellor", "counseling": "counselling", "neighbor": "neighbour",
    "neighborhood": "neighbourhood", "labor": "labour", "favor": "favour", "defense": "defence",
    "offense": "offence", "license": "licence", "practise": "practice", "anesthetic": "anaesthetic",
    "hematoma": "haematoma", "hemorrhage": "haemorrhage", "estrogen": "oestrogen",
    "mom": "mum", "moms": "mums", "caregiver": "carer", "caregivers": "carers",
    "enrollment": "enrolment", "fulfill": "fulfil", "modeling": "modelling",
    "traveled": "travelled",
  ]

  /// The light stemmer: one suffix rule, the first whose result keeps three letters or more.
  public static func stem(_ raw: String) -> String {
    let word = spellings[raw] ?? raw
    var bytes = Array(word.utf8)
    stem(&bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The stemmer on UTF-8 bytes, in place (the same rules as ``stem(_:)`` describes).
  static func stem(_ word: inout [UInt8]) {
    let length = word.count
    applySuffixRules(&word)
    // "note", "notes", "noted" would become "not": "note taking" would then match "did not
    // take" and "case notes" "the case, not".
    if length > 3 && word == [0x6E, 0x6F, 0x74] { word.append(0x65) }
  }

  private static func applySuffixRules(_ word: inout [UInt8]) {
    if word.count <= 3 { return }
    func ends(_ suffix: StaticString) -> Bool {
      let count = suffix.utf8CodeUnitCount
      guard word.count >= count else { return false }
      return suffix.withUTF8Buffer { suffixBytes in
        var offset = 0
        while offset < count {
          if word[word.count - count + offset] != suffixBytes[offset] { return false }
          offset += 1
        }
        return true
      }
    }
    func replace(_ count: Int, with replacement: StaticString) {
      word.removeLast(count)
      replacement.withUTF8Buffer { word.append(contentsOf: $0) }
    }
    // -ize/-ization to -ise/-isation.
    let us: [(StaticString, StaticString)] = [
      ("izations", "isations"), ("ization", "isation"), ("izing", "ising"), ("ized", "ised"),
      ("izes", "ises"), ("ize", "ise"),
    ]
    for (from, to) in us where ends(from) && word.count > from.utf8CodeUnitCount + 2 {
      replace(from.utf8CodeUnitCount, with: to)
      break
    }
    let rules: [(StaticString, StaticString, Bool)] = [
      ("ies", "i", false), ("ing", "", true), ("ed", "", true), ("es", "", false),
      ("s", "", false), ("e", "", false), ("y", "i", false),
    ]
    for (suffix, replacement, undouble) in rules where ends(suffix) {
      if suffix.utf8CodeUnitCount == 1 && suffix.utf8Start.pointee == 0x73
        && (ends("ss") || ends("us") || ends("is"))
      {
        return
      }
      let kept = word.count - suffix.utf8CodeUnitCount + replacement.utf8CodeUnitCount
      guard kept >= 3 else { continue }
      replace(suffix.utf8CodeUnitCount, with: replacement)
      if undouble, word.count > 3, let last = word.last, word[word.count - 2] == last,
        last != 0x6C, last != 0x73, last != 0x7A  // keep ll, ss, zz
      {
        word.removeLast()
      }
      return
    }
  }

}
