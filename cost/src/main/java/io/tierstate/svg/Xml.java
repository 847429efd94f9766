package io.tierstate.svg;

/** Escapes text for XML content and attribute values. */
public final class Xml {

    private Xml() {}

    /**
     * Escapes {@code & < > " '} and replaces the characters XML 1.0 cannot hold (control characters
     * other than tab, newline and carriage return, lone surrogates, U+FFFE and U+FFFF) with {@code ?},
     * so any string from a state file can be written into a picture.
     *
     * @param text the text, may be {@code null} (written as nothing)
     * @return the escaped text
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || Character.isSurrogate(c)
                            || c == 0xFFFE || c == 0xFFFF) {
                        out.append('?');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
