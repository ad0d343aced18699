import CSPRExtract
import CSPRIngest
import CSPRModel
import Foundation
import Testing
import _CSPRTestSupport

/// Extracts from a fixture whose expected items are marked inline: `⟦r1⟧…⟦/r1⟧` for a
/// recommendation, `⟦f1⟧` for a finding, `⟦g1⟧` for good practice.
func extractMarked(_ marked: String, source: String) throws -> (
  review: ExtractedReview, expected: [String: String]
) {
  let fixture = MarkedText(marked)
  let document = try Ingestor().read(bytes: Array(fixture.text.utf8), source: source)
  var expected: [String: String] = [:]
  let characters = Array(fixture.text)
  for (name, range) in fixture.spans {
    expected[name] = plain(String(characters[range]))
  }
  return (Extractor().extract(document), expected)
}

/// Text without tags, Markdown markers and line breaks, white space collapsed.
func plain(_ text: String) -> String {
  var out = ""
  var inTag = false
  for character in text {
    if character == "<" {
      inTag = true
      out.append(" ")
    }
    if !inTag { out.append(character) }
    if character == ">" { inTag = false }
  }
  return out.replacingOccurrences(of: "**", with: "").split(whereSeparator: \.isWhitespace)
    .joined(separator: " ").replacingOccurrences(of: " ;", with: ";")
    .replacingOccurrences(of: " .", with: ".")
}

/// The expected texts of one kind, in mark order (r1, r2, …).
func expectedTexts(_ expected: [String: String], prefix: Character) -> [String] {
  expected.filter { $0.key.first == prefix }.sorted { $0.key < $1.key }.map(\.value)
}

@Suite("Recommendation extraction")
struct RecommendationExtractionTests {
  @Test("a numbered HTML list, with nested sub-points kept with their parent")
  func htmlList() throws {
    let (review, expected) = try extractMarked(
      """
      <h1>Serious Case Review: Child H</h1><h2>Findings</h2><p>Nobody saw the whole picture.</p>
      <h2>7. Recommendations</h2><p>The review makes the following recommendations:</p>
      <ol><li>⟦r1⟧The LSCB should revise its escalation policy.⟦/r1⟧</li>
      <li>⟦r2⟧Hartmoor Constabulary should ensure that offender managers share:
      <ol type="a"><li>information about new relationships;</li><li>changes of address.</li></ol>⟦/r2⟧</li></ol>
      """, source: "list.html")
    #expect(review.recommendations.map(\.text) == expectedTexts(expected, prefix: "r"))
    #expect(review.recommendations.map(\.number) == ["1", "2"])
    #expect(review.recommendations[0].section == "7. Recommendations")
    #expect(review.recommendations[1].text.hasSuffix("changes of address."))
  }

  @Test("a recommendations table keeps owner, timescale and evidence as fields")
  func table() throws {
    let (review, expected) = try extractMarked(
      """
      <h1>CSPR: Baby M</h1><h2>What we are doing</h2>
      <table><tr><th>Recommendation</th><th>Lead agency</th><th>Timescale</th><th>Evidence of impact</th></tr>
      <tr><td>⟦r1⟧Develop a joint protocol for parents with mental health needs.⟦/r1⟧</td><td>ICB</td><td>March 2024</td><td>Audit of 20 cases</td></tr>
      <tr><td>⟦r2⟧Introduce a was not brought policy for health visiting.⟦/r2⟧</td><td>Health visiting</td><td>June 2024</td><td></td></tr>
      </table>
      """, source: "table.html")
    #expect(review.recommendations.map(\.text) == expectedTexts(expected, prefix: "r"))
    #expect(review.recommendations[0].owner == "ICB")
    #expect(review.recommendations[0].timescale == "March 2024")
    #expect(review.recommendations[0].measure == "Audit of 20 cases")
    #expect(review.recommendations[1].measure == nil)
  }

  @Test("inline recommendations in the analysis are found; the terms of reference are not")
  func inline() throws {
    let (review, expected) = try extractMarked(
      """
      # CSPR: Child L

      ## Terms of reference

      - How well was information shared between agencies?

      ## Analysis

      Agencies saw incidents, not patterns. ⟦r1⟧It is recommended that the MARAC steering group reviews how children's needs are recorded.⟦/r1⟧ The review found more.
      """, source: "inline.md")
    #expect(review.recommendations.map(\.text) == expectedTexts(expected, prefix: "r"))
    #expect(review.findings.isEmpty)
  }

  @Test("a recommendation split across a page break is joined, page furniture removed")
  func pageBreak() throws {
    let page1 = """
      SERIOUS CASE REVIEW: CHILD D                 Calderbrook LSCB

      6. RECOMMENDATIONS

      ⟦r1⟧1. The LSCB should relaunch its escalation procedure.⟦/r1⟧

      ⟦r2⟧2. Calderbrook Police and the Probation Service should agree a protocol so
      that new adults in a household are

                                  Page 5 of 6
      """
    let page2 = """
      SERIOUS CASE REVIEW: CHILD D                 Calderbrook LSCB

      checked and the outcome is shared within five working days.⟦/r2⟧

                                  Page 6 of 6
      """
    let (review, expected) = try extractMarked(page1 + "\n\u{0C}" + page2, source: "scr.txt")
    var want = expectedTexts(expected, prefix: "r")
    want = want.map { String($0.drop { $0.isNumber || $0 == "." || $0 == " " }) }
    want[1] = want[1].replacingOccurrences(
      of: " Page 5 of 6 SERIOUS CASE REVIEW: CHILD D Calderbrook LSCB", with: "")
    #expect(review.recommendations.map(\.text) == want)
  }

  @Test("labelled paragraphs: Recommendation 1:, R2, and a labelled subsection")
  func labels() throws {
    let (review, _) = try extractMarked(
      """
      CSPR: Baby B

      5. Recommendations

      Recommendation 1: The partnership should ensure safer sleep advice reaches fathers.

      R2 The ICB should work with GP practices on perinatal mental health.

      R3. Agencies should consider raising awareness of co-sleeping risks.
      """, source: "labels.txt")
    #expect(review.recommendations.map(\.number) == ["1", "2", "3"])
    #expect(review.recommendations[0].text.hasPrefix("The partnership should"))
    #expect(review.recommendations[1].text.hasPrefix("The ICB should"))
  }
}

@Suite("Finding and good-practice extraction")
struct FindingExtractionTests {
  @Test("labelled finding subsections keep their title and body separately")
  func labelledSubsections() throws {
    let (review, expected) = try extractMarked(
      """
      <h1>CSPR: Child A</h1><h2>5. Findings</h2><p>The review identified two findings.</p>
      <h3>Finding 1: Seeing the child</h3><p>⟦f1⟧Child A was rarely seen alone. Practitioners spoke to Mother.⟦/f1⟧</p>
      <h3>Finding 2 – Drift</h3><p>⟦f2⟧Plans were repeated without change because no one reviewed them.⟦/f2⟧</p>
      <h2>Good practice</h2><p>⟦g1⟧The school nurse saw Child A weekly.⟦/g1⟧</p>
      """, source: "findings.html")
    #expect(review.findings.map(\.text) == expectedTexts(expected, prefix: "f"))
    #expect(review.findings.map(\.title) == ["Seeing the child", "Drift"])
    #expect(review.findings.map(\.number) == ["1", "2"])
    #expect(review.findings[1].explainsWhy == true)
    #expect(review.goodPractice.map(\.text) == expectedTexts(expected, prefix: "g"))
  }

  @Test("bold run-in titles in Markdown split into title and body")
  func runInTitles() throws {
    let (review, _) = try extractMarked(
      """
      # Jaden: a Child Safeguarding Practice Review

      ## Findings

      **Finding 1: Jaden was seen as older than he was.** Records describe him as streetwise.

      1. **Safe storage of medication** – Nobody checked the lockable box.
      """, source: "runin.md")
    #expect(
      review.findings.map(\.title) == [
        "Jaden was seen as older than he was", "Safe storage of medication",
      ])
    #expect(
      review.findings.map(\.text) == [
        "Records describe him as streetwise.", "Nobody checked the lockable box.",
      ])
  }

  @Test("plain paragraphs under Key learning are findings; a question list is not")
  func keyLearning() throws {
    let (review, expected) = try extractMarked(
      """
      # 7-minute briefing: Child K

      ## 4. Key learning

      ⟦f1⟧Mother's learning disability was known but never assessed.⟦/f1⟧

      ⟦f2⟧Early help closed three times and each episode started from scratch.⟦/f2⟧

      ## 7. Questions for practice

      1. How do you know a parent has understood your advice?
      """, source: "briefing.md")
    #expect(review.findings.map(\.text) == expectedTexts(expected, prefix: "f"))
    #expect(review.recommendations.isEmpty)
  }
}

@Suite("Metadata")
struct MetadataTests {
  @Test("title, partnership, year, type, child, age, sex and outcome from a text review")
  func textMetadata() throws {
    let document = try Ingestor().read(
      bytes: Array(
        """
        ASHDOWN VALE SAFEGUARDING CHILDREN PARTNERSHIP

        Local Child Safeguarding Practice Review: Baby B

        Published: May 2022

        1. Introduction

        1.1 Baby B was a 3-month-old boy who died in September 2021. He was found unresponsive.
        The police, the health visitor and the GP knew the family.
        """.utf8), source: "b.txt")
    let metadata = Extractor().extract(document).metadata
    #expect(metadata.title == "Local Child Safeguarding Practice Review: Baby B")
    #expect(metadata.partnership == "Ashdown Vale Safeguarding Children Partnership")
    #expect(metadata.year == 2022)
    #expect(metadata.yearKind == "published")
    #expect(metadata.reviewType == .localCSPR)
    #expect(metadata.child == "Baby B")
    #expect(metadata.childAgeMonths == 3)
    #expect(metadata.sex == "male")
    #expect(metadata.outcome == .death)
    #expect(metadata.agencies.contains("police"))
    #expect(metadata.agencies.contains("health visiting"))
  }

  @Test("names and phrases broken across paragraphs, as a page break leaves them, are found")
  func phrasesAcrossBlocks() throws {
    let document = try Ingestor().read(
      bytes: Array(
        """
        Learning from the review of Child

        F and her brother

        2.1 The family had been known to the health

        visitor since the birth. Concerns about sexual

        abuse were raised by the school in 2019.
        """.utf8), source: "f.txt")
    let review = Extractor().extract(document)
    #expect(document.blockCount >= 3)
    #expect(review.metadata.child == "Child F")
    #expect(review.metadata.agencies.contains("health visiting"))
    #expect(review.metadata.harmCategories == ["sexual abuse"])
  }

  @Test(
    "ages are normalised to months",
    arguments: [
      ("Child W was 11 years old at the time.", 132),
      ("Child D, aged 3 years and 2 months, died.", 38),
      ("a 6-week-old baby was admitted", 1),
      ("Child J, aged 15, was excluded.", 180),
      ("She had been seen at 7 weeks old.", 1),
    ])
  func ages(sentence: String, months: Int) {
    #expect(AgeReader.age(in: sentence) == months)
  }
}

@Suite("Recommendation quality")
struct QualityTests {
  func quality(_ text: String, owner: String? = nil, findings: [String] = [])
    -> RecommendationQuality
  {
    let item = Item(kind: .recommendation, text: text, owner: owner, section: "R", position: 0)
    let found = findings.map { Item(kind: .finding, text: $0, section: "F", position: 0) }
    return QualityAssessor().assess(item, findings: found)
  }

  @Test("a specific, owned, measured, timed recommendation aimed at managers scores high")
  func good() {
    let q = quality(
      "Children's social care should audit the supervision records of newly qualified social "
        + "workers by March 2024 and report the results to the partnership's quality assurance group.",
      findings: [
        "Supervision of newly qualified social workers did not provide challenge to their records."
      ])
    #expect(q.hasOwner && q.isSpecific && q.hasMeasure && q.hasTimescale)
    #expect(q.level == "strategic" || q.level == "manager")
    #expect(q.followsFinding)
    #expect(q.score >= 80)
  }

  @Test("a vague recommendation with no owner scores low and says why")
  func bad() {
    let q = quality("Agencies should consider raising awareness of neglect.")
    #expect(!q.hasOwner && !q.isSpecific && !q.hasMeasure && !q.hasTimescale)
    #expect(q.score <= 20)
    #expect(q.reasons.contains("no accountable owner is named"))
    #expect(q.reasons.contains { $0.hasPrefix("the action is vague") })
  }

  @Test("assurance-seeking and training-only actions are flagged")
  func assuranceAndTraining() {
    #expect(quality("The partnership should seek assurance that GPs record fathers.").assuranceOnly)
    #expect(quality("The LSCB should deliver training on coercive control.").trainingOrPolicyOnly)
    #expect(!quality("The ICB should introduce a bruising protocol.").trainingOrPolicyOnly)
  }
}

@Suite("Extraction against the gold annotations")
struct GoldExtractionTests {
  @Test("precision and recall on corpus-samples meet the targets")
  func meetsTargets() throws {
    let data = try Data(contentsOf: TestSupport.samples.appendingPathComponent("annotations.jsonl"))
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    let records = try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
      try decoder.decode(GoldRecord.self, from: Data($0.utf8))
    }
    var evaluation = ExtractionEvaluation()
    for (doc, gold) in Dictionary(grouping: records, by: { $0.doc ?? "" }) {
      let document = try Ingestor().read(path: TestSupport.sample(doc))
      evaluation.add(doc: doc, extracted: Extractor().extract(document), gold: gold)
    }
    let recommendations = try #require(evaluation.kinds[.recommendation])
    let findings = try #require(evaluation.kinds[.finding])
    #expect(recommendations.precision >= 0.95 && recommendations.recall >= 0.95)
    #expect(findings.precision >= 0.9 && findings.recall >= 0.9)
    for (field, entry) in evaluation.fields {
      #expect(Double(entry.correct) / Double(entry.total) >= 0.9, "\(field)")
    }
  }
}
