/**
 * The catalog's last good answers, served (marked stale) while its database is briefly unreachable: an adapter
 * between the web layer and the application, outside the framework-free model and application packages.
 */
package io.emporium.catalog.product.stale;
