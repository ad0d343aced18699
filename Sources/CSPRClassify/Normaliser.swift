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
  public static func tokens(_ text: String) -> [Token] {
    var tokens: [Token] = []
    tokens.reserveCapacity(text.utf8.count / 5)
    var word = String.UnicodeScalarView()
    var start = 0
    var offset = 0
    var afterApostrophe = false
    func finish() {
      guard !word.isEmpty else { return }
      let raw = String(word)
      word = String.UnicodeScalarView()
      // "child's" → "child": the "s" after an apostrophe is dropped, as is a lone "t" of "n't".
      if afterApostrophe && (raw == "s" || raw == "t") {
        afterApostrophe = false
        return
      }
      afterApostrophe = false
      tokens.append(Token(stem: stem(raw), start: start, end: offset))
    }
    for scalar in text.unicodeScalars {
      let width = UTF8.width(scalar)
      if scalar.isASCII {
        let value = scalar.value
        if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
          if word.isEmpty { start = offset }
          word.append(scalar)
        } else if (0x41...0x5A).contains(value) {
          if word.isEmpty { start = offset }
          word.append(Unicode.Scalar(value + 32) ?? scalar)
        } else if value == 0x27 {
          finish()
          afterApostrophe = true
        } else {
          finish()
          afterApostrophe = false
        }
      } else if scalar == "\u{2019}" || scalar == "\u{2018}" {
        finish()
        afterApostrophe = true
      } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
        if word.isEmpty { start = offset }
        for lower in scalar.properties.lowercaseMapping.unicodeScalars { word.append(lower) }
      } else {
        finish()
        afterApostrophe = false
      }
      offset += width
    }
    finish()
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
    var word = spellings[raw] ?? raw
    if word.count <= 3 { return word }
    // -ize/-ization to -ise/-isation.
    for (us, uk) in [
      ("izations", "isations"), ("ization", "isation"), ("izing", "ising"), ("ized", "ised"),
      ("izes", "ises"),
      ("ize", "ise"),
    ]
    where word.hasSuffix(us) && word.count > us.count + 2 {
      word = String(word.dropLast(us.count)) + uk
      break
    }
    let rules: [(String, String, Bool)] = [
      ("ies", "i", false), ("ing", "", true), ("ed", "", true), ("es", "", false),
      ("s", "", false), ("e", "", false), ("y", "i", false),
    ]
    for (suffix, replacement, undouble) in rules where word.hasSuffix(suffix) {
      if suffix == "s" && (word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is")) {
        return word
      }
      var result = String(word.dropLast(suffix.count)) + replacement
      guard result.count >= 3 else { continue }
      if undouble, let last = result.last, result.dropLast().last == last, !"lsz".contains(last),
        result.count > 3
      {
        result.removeLast()
      }
      return result
    }
    return word
  }
}
