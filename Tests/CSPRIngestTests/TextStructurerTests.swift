import CSPRIngest
import CSPRModel
import Testing

/// Reads plain text (or Markdown) as a review.
func readText(_ text: String, source: String = "test.txt") throws -> ReviewDocument {
  try Ingestor().read(bytes: Array(text.utf8), source: source)
}

@Suite("Text structurer")
struct TextStructurerTests {
  @Test("numbered headings, numbered paragraphs and list items are told apart")
  func numberedStructure() throws {
    let document = try readText(
      """
      SERIOUS CASE REVIEW: CHILD D

      4. SUMMARY OF EVENTS

      4.12 The health visitor saw Child D at home and noted that he was quiet
      and withdrawn during the visit.

      6. Recommendations

      1. The LSCB should revise the escalation policy so that practitioners
      know how to challenge decisions.
      2. Children's social care should audit supervision.
      """)
    #expect(
      headings(document) == [
        "SERIOUS CASE REVIEW: CHILD D", "4. SUMMARY OF EVENTS", "6. Recommendations",
      ])
    let all = blocks(document)
    #expect(all[0].kind == .paragraph)
    #expect(all[0].number == "4.12")
    #expect(all[0].text.hasSuffix("quiet and withdrawn during the visit."))
    #expect(all[1].kind == .listItem && all[1].number == "1")
    #expect(
      all[1].text
        == "The LSCB should revise the escalation policy so that practitioners know how to challenge decisions."
    )
    #expect(all[2].number == "2")
  }

  @Test("page furniture is removed and a sentence cut by a page break is joined")
  func pageFurniture() throws {
    let page1 = """
      Serious Case Review: Child D            Calderbrook LSCB

      1. Children's social care should ensure that assess-
      ments consider the whole household and that

      Page 1 of 3
      """
    let page2 = """
      Serious Case Review: Child D            Calderbrook LSCB

      every adult living in the home is known.

      Page 2 of 3
      """
    let page3 = """
      Serious Case Review: Child D            Calderbrook LSCB

      2. The police should share information.

      Page 3 of 3
      """
    let document = try readText([page1, page2, page3].joined(separator: "\n\u{0C}"))
    let items = blocks(document).filter { $0.kind == .listItem }
    #expect(
      items.map(\.text) == [
        "Children's social care should ensure that assessments consider the whole household and that every adult living in the home is known.",
        "The police should share information.",
      ])
    #expect(
      !blocks(document).contains { $0.text.contains("Page") || $0.text.contains("Calderbrook") })
  }

  @Test("hyphens of compound words survive a line break")
  func compoundHyphen() throws {
    let document = try readText("The multi-\nagency meeting and the health visi-\ntor.")
    #expect(blocks(document).first?.text == "The multi-agency meeting and the health visitor.")
  }

  @Test("Markdown headings, lists, quotes, tables and emphasis")
  func markdown() throws {
    let document = try readText(
      """
      # Child L

      ## 5. Findings

      ### Finding 1: Seeing the child

      The **child** was *not* seen [alone](https://example.org).

      > I wanted someone to ask me.

      - First bullet
        - Nested bullet

      | No. | Recommendation | Lead |
      |---|---|---|
      | 1 | Train staff. | ICB |
      """, source: "review.md")
    #expect(document.format == .markdown)
    #expect(headings(document) == ["Child L", "5. Findings", "Finding 1: Seeing the child"])
    let all = blocks(document)
    #expect(all[0].text == "The child was not seen alone.")
    #expect(all[1].kind == .quote && all[1].text == "I wanted someone to ask me.")
    #expect(all[2].kind == .listItem && all[2].depth == 0)
    #expect(all[3].kind == .listItem && all[3].depth == 1)
    #expect(all[4].kind == .tableRow && all[4].isHeader == true)
    #expect(all[5].cells == ["1", "Train staff.", "ICB"])
  }

  @Test("letter markers after a numbered item are its nested sub-points")
  func letterSubPoints() throws {
    let document = try readText(
      """
      RECOMMENDATIONS

      2. Children's social care should revise its guidance to:
      (a) require the child to be seen alone;
      (b) require the chair to be told.
      """)
    let items = blocks(document).filter { $0.kind == .listItem }
    #expect(items.map(\.number) == ["2", "a", "b"])
    #expect(items.map(\.depth) == [0, 1, 1])
  }

  @Test("a table of contents is not read as headings")
  func contents() throws {
    let document = try readText(
      """
      CONTENTS

      1. Introduction
      2. Findings ........ 4

      1. INTRODUCTION

      1.1 This review concerns Child D.
      """)
    #expect(headings(document) == ["1. INTRODUCTION"])
  }

  @Test("columns split by wide gaps become table rows")
  func gapTable() throws {
    let document = try readText(
      """
      Action                          Lead agency        Timescale
      Revise the bruising protocol    ICB                March 2024
      Audit supervision records       Social care        June 2024
      """)
    let rows = blocks(document).filter { $0.kind == .tableRow }
    #expect(rows.count == 3)
    #expect(rows[1].cells == ["Revise the bruising protocol", "ICB", "March 2024"])
  }
}
