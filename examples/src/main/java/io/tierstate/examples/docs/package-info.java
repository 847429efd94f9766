/**
 * The pictures in {@code docs/pictures}: {@link io.tierstate.examples.docs.DocPictures} makes them
 * from the demo stack on the simulated cloud, and {@link io.tierstate.examples.docs.Chromium} renders
 * them in headless Chromium for the screenshots beside them and for the tests that look at them as
 * a person does.
 */
package io.tierstate.examples.docs;
