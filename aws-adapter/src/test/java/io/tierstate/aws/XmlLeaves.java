package io.tierstate.aws;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * An XML document as its sorted leaves ({@code path=text}), so two documents can be compared for
 * content regardless of element order and whitespace.
 */
final class XmlLeaves {

    private XmlLeaves() {}

    static List<String> of(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Element root = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
            List<String> leaves = new ArrayList<>();
            collect(root, root.getLocalName(), leaves);
            leaves.sort(null);
            return leaves;
        } catch (Exception e) {
            throw new IllegalArgumentException("not XML: " + xml, e);
        }
    }

    private static void collect(Element element, String path, List<String> leaves) {
        boolean hasChildElements = false;
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                hasChildElements = true;
                collect(e, path + "/" + e.getLocalName(), leaves);
            }
        }
        if (!hasChildElements) {
            leaves.add(path + "=" + element.getTextContent().trim());
        }
    }
}
