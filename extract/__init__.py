"""The extraction pipeline and the command line: PDF in, validated Document out."""
