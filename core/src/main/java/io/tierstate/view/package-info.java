/**
 * What people and pipelines see: the inspection of one deployment, the deployment list and the
 * migration report, as text ({@code render()}, also {@code toString()}) and JSON ({@code toJson()};
 * shapes in {@code docs/views.md}).
 */
package io.tierstate.view;
