import CSPRClassify
import CSPRExtract
import CSPRIngest
import CSPRModel
import Foundation
import Testing
import _CSPRTestSupport

/// A small deterministic random number generator (SplitMix64), so every run tests the same
/// variants and a failure can be reproduced.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Malformed variants of a review, of the kinds damaged downloads really have.
enum Damage {
  static func truncated(_ bytes: [UInt8], at fraction: Double) -> [UInt8] {
    Array(bytes.prefix(Int(Double(bytes.count) * fraction)))
  }

  static func withNULs(_ bytes: [UInt8], count: Int, using rng: inout SeededGenerator) -> [UInt8] {
    var out = bytes
    for _ in 0..<count { out.insert(0, at: Int.random(in: 0...out.count, using: &rng)) }
    return out
  }

  static func withoutClosingTags(_ bytes: [UInt8]) -> [UInt8] {
    let text = String(decoding: bytes, as: UTF8.self)
    var out = ""
    var index = text.startIndex
    while index < text.endIndex {
      if text[index...].hasPrefix("</"), let end = text[index...].firstIndex(of: ">") {
        index = text.index(after: end)
      } else {
        out.append(text[index])
        index = text.index(after: index)
      }
    }
    return Array(out.utf8)
  }

  static func shuffledTags(_ bytes: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
    var pieces: [String] = []
    var current = ""
    for character in String(decoding: bytes, as: UTF8.self) {
      if character == "<" && !current.isEmpty {
        pieces.append(current)
        current = ""
      }
      current.append(character)
    }
    pieces.append(current)
    for _ in 0..<max(1, pieces.count / 20) {
      let a = Int.random(in: 0..<pieces.count, using: &rng)
      let b = Int.random(in: 0..<pieces.count, using: &rng)
      pieces.swapAt(a, b)
    }
    return Array(pieces.joined().utf8)
  }

  static func misdeclaredCharset(_ bytes: [UInt8]) -> [UInt8] {
    let text = String(decoding: bytes, as: UTF8.self)
    if let range = text.range(of: "<head>") {
      return Array(
        text.replacingCharacters(in: range, with: "<head><meta charset=\"koi8-r\">").utf8)
    }
    return Array(("<meta charset=\"koi8-r\">" + text).utf8)
  }
}

@Suite("Robustness sweep")
struct RobustnessTests {
  static let samples: [String] = {
    let names =
      (try? FileManager.default.contentsOfDirectory(atPath: TestSupport.samples.path)) ?? []
    return names.filter { $0.hasSuffix(".html") || $0.hasSuffix(".txt") || $0.hasSuffix(".md") }
      .sorted()
  }()

  /// Runs the whole per-file pipeline; nil when the file is refused with a clear error.
  static func pipeline(_ bytes: [UInt8], source: String) -> ExtractedReview? {
    do {
      let document = try Ingestor().read(bytes: bytes, source: source)
      return defaultClassifier.classify(Extractor().extract(document), document: document)
    } catch {
      #expect(!(error.localizedDescription.isEmpty), "an error without a reason for \(source)")
      return nil
    }
  }

  static func normalised(_ text: String) -> String {
    text.lowercased().unicodeScalars.filter {
      $0.properties.isAlphabetic || ("0"..."9").contains($0)
    }
    .map(String.init).joined()
  }

  @Test(
    "damaged variants of every sample never crash, and intact recommendations survive",
    arguments: samples)
  func damaged(name: String) throws {
    let bytes = Array(try Data(contentsOf: TestSupport.samples.appendingPathComponent(name)))
    let original = try #require(Self.pipeline(bytes, source: name))
    var rng = SeededGenerator(state: UInt64(name.utf8.count) &* 7919)
    let isHTML = name.hasSuffix(".html")

    // NULs are removed with a warning: the review reads exactly as before.
    let nulled = Self.pipeline(Damage.withNULs(bytes, count: 25, using: &rng), source: name)
    #expect(nulled?.recommendations.map(\.text) == original.recommendations.map(\.text))

    // Truncation: every recommendation whose whole text stands before the cut is still found.
    for fraction in [0.15, 0.4, 0.65, 0.8, 0.95] {
      let cut = Damage.truncated(bytes, at: fraction)
      let visible = Self.normalised(String(decoding: cut, as: UTF8.self))
      let review = Self.pipeline(cut, source: name)
      let found = Set((review?.recommendations ?? []).map { Self.normalised($0.text) })
      for recommendation in original.recommendations {
        let text = Self.normalised(recommendation.text)
        // Only those wholly before the cut and followed by more text can be expected whole.
        guard let range = visible.range(of: text), range.upperBound < visible.endIndex else {
          continue
        }
        #expect(
          found.contains {
            $0.contains(text) || text.contains($0) && $0.count * 10 >= text.count * 9
          },
          "\(name) cut at \(fraction): lost \(recommendation.text.prefix(60))")
      }
    }

    guard isHTML else { return }
    _ = Self.pipeline(Damage.shuffledTags(bytes, using: &rng), source: name)
    let unclosed = Self.pipeline(Damage.withoutClosingTags(bytes), source: name)
    #expect(unclosed != nil)
    let misdeclared = Self.pipeline(Damage.misdeclaredCharset(bytes), source: name)
    let asciiRecommendations = original.recommendations.filter { $0.text.allSatisfy(\.isASCII) }
    let kept = Set((misdeclared?.recommendations ?? []).map(\.text))
    let survived = asciiRecommendations.filter { kept.contains($0.text) }.count
    #expect(
      survived * 10 >= asciiRecommendations.count * 9,
      "\(name): charset damage lost recommendations")
  }
}
