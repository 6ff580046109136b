-- 015: what a person types to find someone matches when every word of it occurs in what is
-- searched (any case; commas and spaces only separate words). "Lotte Verbeke", "Verbeke, Lotte"
-- and "verbeke 1a" all find Lotte Verbeke of 1A, and "De Clercq, Stan" finds him in the very
-- form every list shows. Before, each search had its own rule and the shown form found nobody.
-- app/search.py is the same rule for rows already in memory; a test checks that they agree.

create macro search_words(p_query) as
    list_filter(string_split_regex(lower(coalesce(p_query, '')), '[ \t\r\n,]+'),
                lambda w: w <> '');

create macro matches_words(p_haystack, p_query) as
    len(search_words(p_query)) > 0
    and list_bool_and(list_transform(search_words(p_query),
                                     lambda w: contains(lower(coalesce(p_haystack, '')), w)));
