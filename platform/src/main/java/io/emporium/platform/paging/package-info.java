/**
 * Paged results for a service's queries: which page to return ({@link io.emporium.platform.paging.Paging}) and the
 * page with the size of the whole result ({@link io.emporium.platform.paging.Page}). Plain Java: a service's
 * {@code model} may use these types.
 */
package io.emporium.platform.paging;
