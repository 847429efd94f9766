package io.tierstate.svg;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An SVG document built element by element; every text and attribute value is escaped.
 *
 * <pre>{@code
 * String svg = Svg.of(200, 40, "Two bars")
 *         .rect(0, 0, 120, 16, "#4e79a7", "requested 2 s")
 *         .text(124, 12, "2 s", Svg.Text.plain(12))
 *         .toDocument();
 * }</pre>
 *
 * The document uses DejaVu Sans (then Verdana, then any sans-serif font), the font
 * {@link TextWidth} measures.
 */
public final class Svg {

    /** The font stack every picture uses. */
    public static final String FONT = "'DejaVu Sans', Verdana, sans-serif";

    private final double width;
    private final double height;
    private final StringBuilder body = new StringBuilder();

    private Svg(double width, double height, String title) {
        this.width = width;
        this.height = height;
        body.append("<title>").append(Xml.escape(title)).append("</title>\n");
    }

    /**
     * @param width the width in pixels
     * @param height the height in pixels
     * @param title the picture's title, for screen readers and as a tooltip
     * @return an empty picture
     */
    public static Svg of(double width, double height, String title) {
        return new Svg(width, height, title);
    }

    /** How a piece of text is set. */
    public record Text(double size, boolean bold, String fill, String anchor, String cssClass) {

        /**
         * @param size the font size in pixels
         * @return regular dark text, anchored at its start
         */
        public static Text plain(double size) {
            return new Text(size, false, "#1f2328", "start", "");
        }

        /** @return the same in bold */
        public Text inBold() {
            return new Text(size, true, fill, anchor, cssClass);
        }

        /**
         * @param colour a CSS colour
         * @return the same in that colour
         */
        public Text fill(String colour) {
            return new Text(size, bold, colour, anchor, cssClass);
        }

        /** @return the same, anchored at its end */
        public Text end() {
            return new Text(size, bold, fill, "end", cssClass);
        }

        /** @return the same, centred */
        public Text middle() {
            return new Text(size, bold, fill, "middle", cssClass);
        }

        /**
         * @param name a class name, so a test or a style sheet can find the element
         * @return the same with that class
         */
        public Text css(String name) {
            return new Text(size, bold, fill, anchor, name);
        }

        /**
         * @param text the text
         * @return its width in this setting
         */
        public double width(String text) {
            return TextWidth.of(text, size, bold);
        }
    }

    /**
     * A filled rectangle with a tooltip.
     *
     * @param x left
     * @param y top
     * @param w width
     * @param h height
     * @param fill a CSS colour
     * @param tooltip shown on hover, may be empty
     * @return this
     */
    public Svg rect(double x, double y, double w, double h, String fill, String tooltip) {
        return rect(x, y, w, h, fill, "", tooltip, "");
    }

    /**
     * A rectangle with a fill, an optional outline, a tooltip and a class.
     *
     * @param x left
     * @param y top
     * @param w width
     * @param h height
     * @param fill a CSS colour, or {@code none}
     * @param stroke an outline colour, or empty for none
     * @param tooltip shown on hover, may be empty
     * @param cssClass a class name, may be empty
     * @return this
     */
    public Svg rect(double x, double y, double w, double h, String fill, String stroke, String tooltip, String cssClass) {
        body.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(Xml.escape(fill)).append('"');
        if (!stroke.isEmpty()) {
            body.append(" stroke=\"").append(Xml.escape(stroke)).append("\" stroke-width=\"2\"");
        }
        cls(cssClass);
        if (tooltip.isEmpty()) {
            body.append("/>\n");
        } else {
            body.append("><title>").append(Xml.escape(tooltip)).append("</title></rect>\n");
        }
        return this;
    }

    /**
     * A line.
     *
     * @param x1 start x
     * @param y1 start y
     * @param x2 end x
     * @param y2 end y
     * @param stroke a CSS colour
     * @param dashed whether it is dashed
     * @return this
     */
    public Svg line(double x1, double y1, double x2, double y2, String stroke, boolean dashed) {
        body.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(Xml.escape(stroke)).append('"');
        if (dashed) {
            body.append(" stroke-dasharray=\"3 3\"");
        }
        body.append("/>\n");
        return this;
    }

    /**
     * A line of text; {@code y} is its baseline.
     *
     * @param x where it is anchored
     * @param y its baseline
     * @param text the text (escaped here)
     * @param how how it is set
     * @return this
     */
    public Svg text(double x, double y, String text, Text how) {
        body.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(how.size()))
                .append('"');
        if (how.bold()) {
            body.append(" font-weight=\"bold\"");
        }
        if (!"#1f2328".equals(how.fill())) {
            body.append(" fill=\"").append(Xml.escape(how.fill())).append('"');
        }
        if (!"start".equals(how.anchor())) {
            body.append(" text-anchor=\"").append(Xml.escape(how.anchor())).append('"');
        }
        cls(how.cssClass());
        body.append('>').append(Xml.escape(text)).append("</text>\n");
        return this;
    }

    private void cls(String cssClass) {
        if (!cssClass.isEmpty()) {
            body.append(" class=\"").append(Xml.escape(cssClass)).append('"');
        }
    }

    /** @return the width in pixels */
    public double width() {
        return width;
    }

    /** @return the height in pixels */
    public double height() {
        return height;
    }

    /** @return the {@code <svg>} element alone, to put inside an HTML page */
    public String toElement() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + n(width) + "\" height=\"" + n(height)
                + "\" viewBox=\"0 0 " + n(width) + " " + n(height) + "\" font-family=\"" + FONT + "\" role=\"img\">\n"
                + "<rect x=\"0\" y=\"0\" width=\"" + n(width) + "\" height=\"" + n(height) + "\" fill=\"#ffffff\"/>\n"
                + body + "</svg>\n";
    }

    /** @return a standalone SVG file's text */
    public String toDocument() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + toElement();
    }

    @Override
    public String toString() {
        return toDocument();
    }

    /** A number as SVG writes it: at most one decimal, no exponent, the same on every machine. */
    static String n(double v) {
        return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
