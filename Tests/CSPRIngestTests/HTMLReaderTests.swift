import CSPRIngest
import CSPRModel
import Foundation
import Testing

/// Reads an HTML string as a review.
func readHTML(_ html: String, source: String = "test.html") throws -> ReviewDocument {
  try Ingestor().read(bytes: Array(html.utf8), source: source)
}

/// Every block of a document in order.
func blocks(_ document: ReviewDocument) -> [Block] {
  document.sections.flatMap(\.section.blocks)
}

/// Every heading of a document in order.
func headings(_ document: ReviewDocument) -> [String] {
  document.sections.filter { $0.section.level > 0 }.map(\.section.heading)
}

@Suite("HTML reader")
struct HTMLReaderTests {
  @Test("page chrome is dropped and the content kept")
  func dropsChrome() throws {
    let document = try readHTML(
      """
      <!DOCTYPE html><html><head><title>Review of Child A - Northmoor Council</title>
      <style>p { color: red }</style><script>var tracking = 1;</script></head>
      <body><a href="#main" class="skip">Skip to main content</a>
      <div class="cookie-banner"><h2>Cookies on this site</h2><p>We use cookies.</p></div>
      <header><nav><ul><li>Home</li><li>Reviews</li></ul></nav></header>
      <main id="main"><h1>Review of Child A</h1><p>The review found drift.</p></main>
      <aside><h2>Related</h2><p>Other reviews</p></aside>
      <footer><p>© Northmoor</p></footer></body></html>
      """)
    #expect(headings(document) == ["Review of Child A"])
    #expect(blocks(document).map(\.text) == ["The review found drift."])
    #expect(document.title == "Review of Child A")
  }

  @Test("without a main element, landmarks and skip links are still dropped")
  func dropsLandmarksWithoutMain() throws {
    let document = try readHTML(
      """
      <html><body><a href="#content">Skip to content</a>
      <div role="navigation"><a href="/">Home</a></div>
      <div id="cookieConsent">Accept cookies</div>
      <h1>Child B</h1><p>Text one.</p><form><input name="q"><button>Search</button></form>
      </body></html>
      """)
    #expect(blocks(document).map(\.text) == ["Text one."])
  }

  @Test("deeply nested in-page links are read without the work doubling at each level")
  func nestedLinks() throws {
    // Found by the HTML fuzzer: each link asked whether it was a skip link by reading all the
    // text beneath it, judging every link below it the same way.
    let html =
      "<html><body><h1>Review</h1><p>"
      + String(repeating: "<a href=\"#top\">Home | ", count: 60) + "text"
      + String(repeating: "</a>", count: 60) + "</p><p>After.</p></body></html>"
    let document = try readHTML(html)
    #expect(blocks(document).last?.text == "After.")
    #expect(blocks(document).first?.text.hasPrefix("Home | Home") == true)
  }

  @Test("ordered lists keep their real numbers, start= and nested numbering")
  func listNumbering() throws {
    let document = try readHTML(
      """
      <h2>Recommendations</h2>
      <ol start="5"><li>First <b>bold</b> point.<ol><li>Nested one.</li><li>Nested two.</li></ol></li>
      <li>Second point.<ol type="a"><li>Lettered.</li></ol></li></ol>
      <ul><li>A bullet.</li></ul>
      """)
    let items = blocks(document).filter { $0.kind == .listItem }
    #expect(items.map(\.number) == ["5", "5.1", "5.2", "6", "a", nil])
    #expect(items.map(\.depth) == [0, 1, 1, 0, 1, 0])
    #expect(items.first?.text == "First bold point.")
  }

  @Test("tables become rows with cells and a recognised header row")
  func tables() throws {
    let document = try readHTML(
      """
      <h2>Recommendations</h2><table><thead><tr><th>Recommendation</th><th>Lead agency</th></tr></thead>
      <tbody><tr><td>Revise the <i>bruising</i> protocol.</td><td>ICB</td></tr></tbody></table>
      """)
    let rows = blocks(document).filter { $0.kind == .tableRow }
    #expect(rows.count == 2)
    #expect(rows[0].isHeader == true)
    #expect(rows[1].cells == ["Revise the bruising protocol.", "ICB"])
    #expect(rows[1].isHeader == false)
  }

  @Test("a one-column layout table is read as content, not as a data table")
  func layoutTable() throws {
    let document = try readHTML(
      "<table><tr><td><h2>Findings</h2><p>Para one.</p></td></tr></table>")
    #expect(headings(document) == ["Findings"])
    #expect(blocks(document).map(\.kind) == [.paragraph])
  }

  @Test("entities are decoded, white space collapsed, <br> kept as a line break")
  func textNormalisation() throws {
    let document = try readHTML(
      "<p>Child&nbsp;A&#8217;s   mother\n  said &amp; did<br>next line</p>")
    #expect(blocks(document).first?.text == "Child A’s mother said & did\nnext line")
  }

  @Test("block quotes become quote blocks")
  func quotes() throws {
    let document = try readHTML(
      "<p>Intro.</p><blockquote><p>I felt nobody listened.</p></blockquote>")
    #expect(blocks(document).map(\.kind) == [.paragraph, .quote])
  }

  @Test("a heading inside a paragraph closes it (libxml2 2.9 is not HTML5)")
  func headingInsideParagraph() throws {
    let document = try readHTML("<p>Before<i>x<h2>Findings</h2><p>After.</p>")
    #expect(headings(document) == ["Findings"])
    #expect(blocks(document).map(\.text) == ["Beforex", "After."])
  }

  @Test("sections nest by heading level and carry their numbers")
  func sectionTree() throws {
    let document = try readHTML(
      "<h1>Title</h1><h2>5. Findings</h2><h3>5.1 Seeing the child</h3><p>x</p><h2>6. Recommendations</h2><p>y</p>"
    )
    let top = document.root.children
    #expect(top.count == 1)
    #expect(top[0].children.map(\.heading) == ["5. Findings", "6. Recommendations"])
    #expect(top[0].children[0].number == "5")
    #expect(top[0].children[0].children[0].number == "5.1")
  }

  @Test("a declared Windows-1252 charset is honoured")
  func declaredCharset() throws {
    var bytes = Array("<html><head><meta charset=\"windows-1252\"></head><body><p>".utf8)
    bytes += [0x93, 0x43, 0x6F, 0x73, 0x74, 0x94, 0x20, 0xA3, 0x35]  // “Cost” £5
    bytes += Array("</p></body></html>".utf8)
    let document = try Ingestor().read(bytes: bytes, source: "x.html")
    #expect(blocks(document).first?.text == "“Cost” £5")
  }

  @Test("undeclared non-UTF-8 HTML falls back to Windows-1252 with a warning")
  func undeclaredFallback() throws {
    var bytes = Array("<html><body><p>Mother".utf8)
    bytes += [0x92, 0x73, 0x20, 0x76, 0x69, 0x65, 0x77]  // ’s view
    bytes += Array("</p></body></html>".utf8)
    let document = try Ingestor().read(bytes: bytes, source: "x.html")
    #expect(blocks(document).first?.text == "Mother’s view")
    #expect(document.warnings.contains { $0.contains("Windows-1252") })
  }

  @Test("undeclared UTF-8 is read as UTF-8, not Latin-1")
  func undeclaredUTF8() throws {
    let document = try readHTML("<html><body><p>Café – “quoted”</p></body></html>")
    #expect(blocks(document).first?.text == "Café – “quoted”")
  }
}
