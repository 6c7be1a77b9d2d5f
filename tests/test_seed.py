"""What a reader of the seed article must be able to get from its graph alone."""

from __future__ import annotations

from rdflib import Graph

PREFIXES = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX kg: <https://kg.example.org/ontology#>
"""


def rows(graph: Graph, query: str) -> list[tuple]:
    """Run a SELECT and return its rows as tuples of Python values (strings for IRIs)."""
    return [tuple(None if v is None else (v.toPython() if hasattr(v, "toPython") else v) for v in row)
            for row in graph.query(PREFIXES + query)]


def ask(graph: Graph, query: str) -> bool:
    """Run an ASK query."""
    return bool(graph.query(PREFIXES + query).askAnswer)


def one_event(graph: Graph, cls: str, where: str = "") -> str:
    """Return the only event of a class that matches extra conditions."""
    found = rows(graph, f"SELECT ?e WHERE {{ ?e a kg:{cls} , sem:Event . {where} }} ORDER BY ?e")
    assert len(found) == 1, found
    return str(found[0][0])


def test_phone_call_between_putin_and_biden_attributed_to_the_kremlin(seed_graph):
    call = one_event(seed_graph, "PhoneCall")
    actors = rows(seed_graph, f"SELECT ?wd WHERE {{ <{call}> sem:hasActor/owl:sameAs ?wd }} ORDER BY ?wd")
    assert actors == [("http://www.wikidata.org/entity/Q6279",), ("http://www.wikidata.org/entity/Q7747",)]
    assert ask(seed_graph, f"ASK {{ <{call}> prov:wasAttributedTo/rdfs:label 'Presidencia de Rusia (Kremlin)'@es }}")
    assert ask(seed_graph, f"ASK {{ <{call}> sem:eventType/skos:notation '041' }}")


def test_phone_call_day_is_not_invented_but_bounded_by_publication(seed_graph):
    call = one_event(seed_graph, "PhoneCall")
    assert not ask(seed_graph, f"ASK {{ <{call}> sem:hasBeginTimeStamp ?d }}")
    assert rows(seed_graph, f"SELECT ?d WHERE {{ <{call}> sem:hasLatestEndTimeStamp ?d }}") == [
        (__import__("datetime").date(2021, 12, 31),)]


def test_phone_call_is_one_node_for_kicker_body_and_closing_reference(seed_graph):
    anchors = rows(seed_graph, """
        SELECT ?a WHERE { ?e a kg:PhoneCall ; prov:wasDerivedFrom/nif:anchorOf ?a } ORDER BY ?a""")
    assert ("la conversación",) in anchors
    begins = rows(seed_graph, """
        SELECT ?b WHERE { ?e a kg:PhoneCall ; prov:wasDerivedFrom ?s . ?s nif:anchorOf 'llamada telefónica' ;
                          nif:beginIndex ?b } ORDER BY ?b""")
    assert len(begins) == 2  # the kicker and the first body paragraph


def test_publication_time_comes_from_the_dateline(seed_graph):
    assert rows(seed_graph, "SELECT ?d WHERE { ?a a schema:NewsArticle ; schema:datePublished ?d }") == [
        (__import__("datetime").datetime(2021, 12, 31, 11, 20),)]
    assert rows(seed_graph, "SELECT ?h WHERE { ?a schema:headline ?h }") == [
        ("Vladimir Putin y Joe Biden discutieron las propuestas de seguridad de Moscú",)]


def test_captions_are_recognised_and_yield_nothing(seed_graph):
    captions = rows(seed_graph, "SELECT ?a WHERE { ?c a kg:Caption ; nif:anchorOf ?a } ORDER BY ?a")
    assert captions == [(" Aviones",), (" Misiles - OTAN",)]
    assert not ask(seed_graph, """ASK { ?c a kg:Caption ; nif:beginIndex ?cb ; nif:endIndex ?ce .
        ?x prov:wasDerivedFrom ?s . ?s nif:beginIndex ?b . FILTER(?b >= ?cb && ?b < ?ce) }""")


def test_consultations_of_7_december_get_the_year_of_the_dateline(seed_graph):
    consultation = one_event(seed_graph, "Consultation")
    assert rows(seed_graph, f"""SELECT ?b ?e WHERE {{ <{consultation}> sem:hasBeginTimeStamp ?b ;
        sem:hasEndTimeStamp ?e }}""") == [(__import__("datetime").date(2021, 12, 7),) * 2]
    decision = one_event(seed_graph, "Decision")
    assert ask(seed_graph, f"ASK {{ <{decision}> sem:subEventOf <{consultation}> }}")
    assert ask(seed_graph, f"ASK {{ <{decision}> sem:eventType/skos:notation '036' }}")


def test_three_scheduled_rounds_with_places_bodies_and_dates(seed_graph):
    found = rows(seed_graph, """
        SELECT ?b ?e (COALESCE(?place, "") AS ?p) (COALESCE(?body, "") AS ?f) WHERE {
            ?r a kg:NegotiationRound ; schema:eventStatus schema:EventScheduled ;
               sem:hasBeginTimeStamp ?b ; sem:hasEndTimeStamp ?e ; sem:subEventOf ?talks .
            ?talks a kg:Negotiation .
            OPTIONAL { ?r sem:hasPlace/rdfs:label ?place }
            OPTIONAL { ?r kg:frameworkBody/owl:sameAs ?body }
        } ORDER BY ?b""")
    import datetime as dt
    assert found == [
        (dt.date(2022, 1, 9), dt.date(2022, 1, 10), "Ginebra", ""),
        (dt.date(2022, 1, 12), dt.date(2022, 1, 12), "Bruselas", ""),  # the NATO-Russia Council has no Wikidata id here
        (dt.date(2022, 1, 13), dt.date(2022, 1, 13), "", "http://www.wikidata.org/entity/Q81299"),
    ]
    assert ask(seed_graph, """ASK { ?r a kg:NegotiationRound ; kg:frameworkBody/rdfs:label 'Consejo OTAN-Rusia'@es ;
                                    sem:hasPlace/owl:sameAs wd:Q239 }""")
    assert ask(seed_graph, "ASK { ?r a kg:NegotiationRound ; sem:hasPlace/owl:sameAs wd:Q71 }")


def test_rounds_are_between_the_two_governments(seed_graph):
    found = rows(seed_graph, """SELECT DISTINCT ?actor WHERE { ?r a kg:NegotiationRound ; sem:hasActor/rdfs:label ?actor }
                                ORDER BY ?actor""")
    assert found == [("Gobierno de Estados Unidos",), ("Gobierno de Rusia",)]


def test_metonymy_capitals_and_kremlin_act_as_governments(seed_graph):
    assert ask(seed_graph, "ASK { ?g a kg:Government ; rdfs:label 'Gobierno de Rusia'@es ; kg:governs/owl:sameAs wd:Q159 }")
    assert not ask(seed_graph, "ASK { ?e a sem:Event ; sem:hasActor ?city . ?city a schema:City }")
    assert not ask(seed_graph, "ASK { ?e a sem:Event ; sem:hasActor/owl:sameAs wd:Q649 }")


def test_people_are_linked_to_the_countries_they_lead(seed_graph):
    found = rows(seed_graph, """SELECT ?p ?c ?t WHERE { ?x kg:leads/owl:sameAs ?c ; owl:sameAs ?p ;
                                 schema:jobTitle ?t } ORDER BY ?p""")
    assert found == [("http://www.wikidata.org/entity/Q6279", "http://www.wikidata.org/entity/Q30", "presidente"),
                     ("http://www.wikidata.org/entity/Q7747", "http://www.wikidata.org/entity/Q159", "presidente")]


def test_wikidata_links_of_the_known_entities(seed_graph):
    found = {r[0] for r in rows(seed_graph, "SELECT ?q WHERE { ?x owl:sameAs ?q } ORDER BY ?q")}
    expected = {f"http://www.wikidata.org/entity/{q}" for q in
                ("Q7747", "Q6279", "Q159", "Q30", "Q212", "Q7184", "Q81299", "Q71", "Q239", "Q46")}
    assert expected <= found


def test_drafts_and_their_parties(seed_graph):
    treaty = rows(seed_graph, """SELECT ?q WHERE { ?d a kg:DraftTreaty ; kg:party/owl:sameAs ?q } ORDER BY ?q""")
    assert treaty == [("http://www.wikidata.org/entity/Q159",), ("http://www.wikidata.org/entity/Q30",)]
    agreement = rows(seed_graph, """SELECT ?l WHERE { ?d a kg:DraftAgreement ; kg:party/rdfs:label ?l } ORDER BY ?l""")
    assert agreement == [("Estados miembros de la Organización del Tratado del Atlántico Norte (OTAN)",), ("Rusia",)]
    assert ask(seed_graph, "ASK { ?g a kg:ActorGroup ; schema:memberOf/owl:sameAs wd:Q7184 }")
    assert ask(seed_graph, """ASK { ?s a kg:Explanation ; sem:hasActor/owl:sameAs wd:Q7747 ;
                                     schema:about ?t , ?a . ?t a kg:DraftTreaty . ?a a kg:DraftAgreement }""")


def test_security_proposals_are_russian(seed_graph):
    assert ask(seed_graph, """ASK { ?p a kg:Proposal ; schema:author/owl:sameAs wd:Q159 .
                                   ?call a kg:PhoneCall ; schema:about ?p }""")


def test_stated_goals_of_the_drafts(seed_graph):
    topics = {r[0] for r in rows(seed_graph, """SELECT ?l WHERE { ?s a kg:Emphasis ; sem:hasActor/owl:sameAs wd:Q7747 ;
                                                  schema:about/rdfs:label ?l } ORDER BY ?l""")}
    assert "garantías legales contra la expansión hacia el este de la OTAN" in topics
    assert "despliegue de sistemas armamentísticos de la alianza cerca de las fronteras de Rusia" in topics


def test_biden_promise_is_a_negated_future_act_not_a_deployment(seed_graph):
    found = rows(seed_graph, """SELECT ?agent ?place ?action WHERE {
        ?s a kg:Promise ; sem:hasActor/owl:sameAs wd:Q6279 ; kg:proposition ?p .
        ?p kg:polarity kg:Negative ; kg:tense kg:Future ; kg:agent/rdfs:label ?agent ;
           kg:place/owl:sameAs ?place ; kg:action/skos:prefLabel ?action }""")
    assert found == [("Gobierno de Estados Unidos", "http://www.wikidata.org/entity/Q212", "despliegue")]
    assert not ask(seed_graph, "ASK { ?p a kg:Proposition , sem:Event }")


def test_biden_stressed_the_special_responsibility(seed_graph):
    assert ask(seed_graph, """ASK { ?s a kg:Emphasis ; sem:hasActor/owl:sameAs wd:Q6279 ;
        schema:about/owl:sameAs wd:Q159 , wd:Q30 ; schema:about/rdfs:label ?t .
        FILTER(STRSTARTS(?t, 'responsabilidad especial')) }""")


def test_putin_warned_of_a_grave_error(seed_graph):
    quotes = rows(seed_graph, """SELECT ?q WHERE { ?s a kg:Warning ; sem:hasActor/owl:sameAs wd:Q7747 ;
                                  kg:quotation ?q } ORDER BY ?q""")
    assert quotes == [("grave error",), ("ruptura importante de los lazos entre Rusia y Estados Unidos",)]


def test_agreement_stated_twice_is_one_event_with_two_spans(seed_graph):
    found = rows(seed_graph, """SELECT ?s (COUNT(DISTINCT ?span) AS ?n) WHERE {
        ?s a kg:Agreement ; schema:text ?t ; prov:wasDerivedFrom ?span . ?span nif:anchorOf 'acordaron' .
        FILTER(STRSTARTS(?t, 'continuar el diálogo')) } GROUP BY ?s""")
    assert len(found) == 1 and found[0][1] == 2


def test_three_agreements_by_both_presidents(seed_graph):
    found = rows(seed_graph, """SELECT ?t WHERE { ?s a kg:Agreement ; schema:text ?t ;
        sem:hasActor/owl:sameAs wd:Q7747 , wd:Q6279 } ORDER BY ?t""")
    assert [t[0].split()[0] for t in found] == ["continuar", "en", "las"]
    assert ask(seed_graph, """ASK { ?s a kg:Agreement ; schema:about ?n . ?n a kg:Negotiation ;
                                    schema:eventStatus schema:EventScheduled }""")


def test_kremlin_assessment_of_the_call(seed_graph):
    found = rows(seed_graph, """SELECT ?c WHERE { ?s a kg:Assessment ; sem:hasActor/rdfs:label 'Presidencia de Rusia (Kremlin)'@es ;
        prov:wasAttributedTo ?k ; kg:statedIn ?doc ; schema:about ?call ; kg:characterization ?c .
        ?call a kg:PhoneCall . ?doc a kg:Communique } ORDER BY ?c""")
    assert found == [("franca",), ("profesional",), ("útil para ambas partes",)]


def test_what_the_kremlin_quote_reports_is_attributed_to_it(seed_graph):
    found = rows(seed_graph, """SELECT ?cls WHERE { ?e prov:wasAttributedTo/rdfs:label 'Presidencia de Rusia (Kremlin)'@es ;
        a ?cls . FILTER(?cls IN (kg:Consultation, kg:Decision, kg:PhoneCall)) } ORDER BY ?cls""")
    assert [str(c[0]).split("#")[1] for c in found] == ["Consultation", "Decision", "PhoneCall"]


def test_no_city_for_the_osce_round(seed_graph):
    assert not ask(seed_graph, """ASK { ?r a kg:NegotiationRound ; kg:frameworkBody/owl:sameAs wd:Q81299 ;
                                        sem:hasPlace ?p }""")
    assert not ask(seed_graph, "ASK { ?x owl:sameAs wd:Q1741 }")  # no Vienna from outside the article
