/**
 * A small SVG writer for TierState's pictures (the destroy timeline, the cost breakdown and the
 * HTML report that holds them): {@link io.tierstate.svg.Svg} builds a document element by element,
 * {@link io.tierstate.svg.Xml} escapes every string that comes from state, and
 * {@link io.tierstate.svg.TextWidth} measures text in DejaVu Sans so labels are placed where they fit.
 *
 * <p>It is plain code rather than a library: the pictures need rectangles, lines and text, which a
 * hundred lines write exactly and deterministically (the committed pictures in {@code docs/} are
 * compared byte for byte), without a rendering stack such as Batik (about 20 jars) on the class path
 * of every tool that embeds TierState.
 */
package io.tierstate.svg;
