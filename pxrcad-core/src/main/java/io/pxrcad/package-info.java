/**
 * The shared vocabulary of pxrcad: {@link io.pxrcad.Radiograph}, {@link io.pxrcad.PixelBox},
 * {@link io.pxrcad.FractureType} and the data-error family rooted at
 * {@link io.pxrcad.DataException}. Every other package depends on this one, never the reverse.
 */
package io.pxrcad;
