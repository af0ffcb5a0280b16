package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Parses HTML fragments as XML (wrapped in a {@code <div>}), so tests see they are well-formed, and
 * queries them.
 */
final class Xhtml {
  private final Document document;

  private Xhtml(Document document) {
    this.document = document;
  }

  /** The fragment parsed; fails the test naming the XML error when it is not well-formed. */
  static Xhtml parse(String fragment) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      var builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return new Xhtml(
          builder.parse(new InputSource(new StringReader("<div>" + fragment + "</div>"))));
    } catch (Exception e) {
      return fail("not well-formed XHTML: " + e.getMessage() + "\n" + fragment);
    }
  }

  /** The nodes {@code xpath} selects. */
  NodeList nodes(String xpath) {
    try {
      return (NodeList)
          XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.NODESET);
    } catch (Exception e) {
      return fail("bad xpath " + xpath + ": " + e);
    }
  }

  /** How many nodes {@code xpath} selects. */
  int count(String xpath) {
    return nodes(xpath).getLength();
  }

  /** The text of the first node {@code xpath} selects, or null. */
  String text(String xpath) {
    NodeList nodes = nodes(xpath);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
  }

  /** All text of the fragment. */
  String text() {
    return document.getDocumentElement().getTextContent();
  }
}
