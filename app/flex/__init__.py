"""Flex hours: the offer, composition, the weekly board, publishing and follow-up."""
