-----BEGIN SSH SIGNATURE-----
A stand-in for the detached signature of acme-gateway-2.5.0-x86_64.ova in
evident's example site (ssh-keygen -Y sign -n file with ACME's release key).
-----END SSH SIGNATURE-----
