"""Documents the program prints: certificates and reports (PDF, XLSX), from plain values; no Qt."""
