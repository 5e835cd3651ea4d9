// CsrTemplate: JSON round trip, the template's own consistency (validate) and its policy over a provisioning
// configuration (check). Every refusal names the field and the offending value.
#include "engine/domain/CsrTemplate.h"
#include "engine/domain/ProvisioningConfig.h"

#include <QJsonDocument>
#include <QTest>

using namespace certdeck;

namespace {

CsrTemplate shopTemplate()
{
    CsrTemplate t;
    t.name = QStringLiteral("shop");
    t.keyAlgorithm = QStringLiteral("RSA");
    t.keySize = 3072;
    t.signatureAlgorithm = QStringLiteral("SHA256WithRSA");
    t.country = QStringLiteral("DE");
    t.minimumRsaKeySize = 2048;
    t.allowedKeyAlgorithms = {QStringLiteral("RSA"), QStringLiteral("EC")};
    t.allowedNamePatterns = {QStringLiteral("*.shop.example.com"), QStringLiteral("shop.example.com")};
    t.maximumSans = 3;
    return t;
}

ProvisioningConfig shopConfig()
{
    ProvisioningConfig config;
    config.commonName = QStringLiteral("shop.example.com");
    config.sans = {QStringLiteral("shop.example.com"), QStringLiteral("www.shop.example.com")};
    config.keyAlgorithm = QStringLiteral("RSA");
    config.keySize = 3072;
    return config;
}

} // namespace

class TestCsrTemplate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonRoundTripKeepsEveryField()
    {
        CsrTemplate t = shopTemplate();
        t.description = QStringLiteral("desc");
        t.organization = QStringLiteral("Example GmbH");
        t.organizationalUnit = QStringLiteral("Ops");
        t.locality = QStringLiteral("Berlin");
        t.state = QStringLiteral("BE");
        const QByteArray text = QJsonDocument(t.toJson()).toJson();
        const CsrTemplate back = CsrTemplate::fromJson(QJsonDocument::fromJson(text).object());
        QCOMPARE(back.toJson(), t.toJson());
        QCOMPARE(back.organizationalUnit, QStringLiteral("Ops"));
        QCOMPARE(back.allowedNamePatterns, t.allowedNamePatterns);
        QCOMPARE(back.maximumSans, 3);
    }

    void fromEmptyJsonGivesDefaults()
    {
        const CsrTemplate t = CsrTemplate::fromJson({});
        QCOMPARE(t.keyAlgorithm, QStringLiteral("RSA"));
        QCOMPARE(t.keySize, 2048);
        QCOMPARE(t.minimumRsaKeySize, 2048);
        QCOMPARE(t.maximumSans, 100);
        QVERIFY(t.allowedNamePatterns.isEmpty());
    }

    void validate_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected"); // empty: valid

        QTest::newRow("good") << ""
                              << ""
                              << "";
        QTest::newRow("empty name") << "name"
                                    << ""
                                    << "Name: enter a name";
        QTest::newRow("bad name") << "name"
                                  << "a/b"
                                  << "\"a/b\" is not a template name";
        QTest::newRow("algorithm") << "keyAlgorithm"
                                   << "DSA"
                                   << "Key algorithm: \"DSA\" is not supported";
        QTest::newRow("rsa 1024") << "keySize"
                                  << "1024"
                                  << "Key size: 1024 bits is not available for RSA";
        QTest::newRow("rsa below own minimum") << "minimumRsaKeySize"
                                               << "4096"
                                               << "below the template's own minimum RSA key size of 4096";
        QTest::newRow("signature") << "signatureAlgorithm"
                                   << "SHA256WithECDSA"
                                   << "Signature algorithm: \"SHA256WithECDSA\" does not go with RSA";
        QTest::newRow("country") << "country"
                                 << "Germany"
                                 << "Country: \"Germany\" is not a two-letter";
        QTest::newRow("country lower") << "country"
                                       << "de"
                                       << "Country: \"de\"";
        QTest::newRow("minimum out of range") << "minimumRsaKeySize"
                                              << "512"
                                              << "Minimum RSA key size: 512 bits";
        QTest::newRow("allowed algorithm") << "allowedKeyAlgorithms"
                                           << "DSA"
                                           << "Allowed key algorithms: \"DSA\"";
        QTest::newRow("own algorithm not allowed") << "allowedKeyAlgorithms"
                                                   << "EC"
                                                   << "the template's own RSA key is not among its allowed";
        QTest::newRow("pattern") << "allowedNamePatterns"
                                 << "shop example.com"
                                 << "Allowed names: \"shop example.com\" is not a domain name";
        QTest::newRow("double wildcard") << "allowedNamePatterns"
                                         << "*.*.example.com"
                                         << "\"*.*.example.com\"";
        QTest::newRow("max sans") << "maximumSans"
                                  << "0"
                                  << "Maximum SANs: 0 is out of range";
        QTest::newRow("organization") << "organization" << QString(65, QLatin1Char('x'))
                                      << "Organization: 65 characters is too long";
    }

    void validate()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        CsrTemplate t = shopTemplate();
        if (field == QLatin1String("name")) {
            t.name = value;
        } else if (field == QLatin1String("keyAlgorithm")) {
            t.keyAlgorithm = value;
        } else if (field == QLatin1String("keySize")) {
            t.keySize = value.toInt();
        } else if (field == QLatin1String("minimumRsaKeySize")) {
            t.minimumRsaKeySize = value.toInt();
        } else if (field == QLatin1String("signatureAlgorithm")) {
            t.signatureAlgorithm = value;
        } else if (field == QLatin1String("country")) {
            t.country = value;
        } else if (field == QLatin1String("allowedKeyAlgorithms")) {
            t.allowedKeyAlgorithms = {value};
        } else if (field == QLatin1String("allowedNamePatterns")) {
            t.allowedNamePatterns = {value};
        } else if (field == QLatin1String("maximumSans")) {
            t.maximumSans = value.toInt();
        } else if (field == QLatin1String("organization")) {
            t.organization = value;
        }
        const Status status = t.validate();
        if (expected.isEmpty()) {
            QVERIFY2(status.ok(), qPrintable(status.message()));
        } else {
            QVERIFY(!status.ok());
            QVERIFY2(status.message().contains(expected), qPrintable(status.message()));
        }
    }

    void ecTemplateIsValid()
    {
        CsrTemplate t;
        t.name = QStringLiteral("ec");
        t.keyAlgorithm = QStringLiteral("EC");
        t.keySize = 384;
        t.signatureAlgorithm = QStringLiteral("SHA384WithECDSA");
        QVERIFY2(t.validate().ok(), qPrintable(t.validate().message()));
        t.keySize = 521;
        QVERIFY(t.validate().message().contains(QStringLiteral("Choose one of 256, 384")));
    }

    void wildcardPatternMatchesExactlyOneLabel_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("matches");
        QTest::newRow("one label") << "*.example.com"
                                   << "www.example.com" << true;
        QTest::newRow("case") << "*.Example.COM"
                              << "WWW.example.com" << true;
        QTest::newRow("apex") << "*.example.com"
                              << "example.com" << false;
        QTest::newRow("two labels") << "*.example.com"
                                    << "a.b.example.com" << false;
        QTest::newRow("other domain") << "*.example.com"
                                      << "www.example.org" << false;
        QTest::newRow("suffix trick") << "*.example.com"
                                      << "www.badexample.com" << false;
        QTest::newRow("wildcard name") << "*.example.com"
                                       << "*.example.com" << true;
        QTest::newRow("exact") << "example.com"
                               << "example.com" << true;
        QTest::newRow("exact no subdomain") << "example.com"
                                            << "www.example.com" << false;
        QTest::newRow("ip exact") << "192.0.2.7"
                                  << "192.0.2.7" << true;
    }

    void wildcardPatternMatchesExactlyOneLabel()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, name);
        QFETCH(bool, matches);
        QCOMPARE(csrTemplateNameMatches(pattern, name), matches);
    }

    void checkAcceptsConfigWithinPolicy()
    {
        const Status status = shopTemplate().check(shopConfig());
        QVERIFY2(status.ok(), qPrintable(status.message()));
    }

    void checkRefuses_data()
    {
        QTest::addColumn<QString>("case_");
        QTest::addColumn<QString>("expected");
        QTest::newRow("rsa 1024") << "rsa1024"
                                  << "Key size: RSA 1024 bits is below the minimum of 2048 bits set by the CSR "
                                     "template \"shop\"";
        QTest::newRow("algorithm") << "ecOnlyRsa"
                                   << "Key algorithm: EC is not allowed by the CSR template \"shop\"";
        QTest::newRow("san outside") << "sanOutside"
                                     << "\"api.example.org\" is outside the names";
        QTest::newRow("cn outside") << "cnOutside"
                                    << "\"a.b.shop.example.com\" is outside";
        QTest::newRow("too many") << "tooMany"
                                  << "would carry 4 names, but the CSR template \"shop\" allows at most 3";
    }

    void checkRefuses()
    {
        QFETCH(QString, case_);
        QFETCH(QString, expected);
        CsrTemplate t = shopTemplate();
        ProvisioningConfig config = shopConfig();
        if (case_ == QLatin1String("rsa1024")) {
            config.keySize = 1024;
        } else if (case_ == QLatin1String("ecOnlyRsa")) {
            t.allowedKeyAlgorithms = {QStringLiteral("RSA")};
            config.keyAlgorithm = QStringLiteral("EC");
            config.keySize = 256;
        } else if (case_ == QLatin1String("sanOutside")) {
            config.sans << QStringLiteral("api.example.org");
        } else if (case_ == QLatin1String("cnOutside")) {
            config.commonName = QStringLiteral("a.b.shop.example.com");
        } else if (case_ == QLatin1String("tooMany")) {
            config.sans << QStringLiteral("a.shop.example.com") << QStringLiteral("b.shop.example.com");
        }
        const Status status = t.check(config);
        QVERIFY(!status.ok());
        QVERIFY2(status.message().contains(expected), qPrintable(status.message()));
        QCOMPARE(status.error().kind, QStringLiteral("policy"));
    }

    void emptyPatternsAllowAnyName()
    {
        CsrTemplate t = shopTemplate();
        t.allowedNamePatterns.clear();
        ProvisioningConfig config = shopConfig();
        config.commonName = QStringLiteral("anything.example.net");
        QVERIFY(t.check(config).ok());
    }
};

QTEST_GUILESS_MAIN(TestCsrTemplate)
#include "TestCsrTemplate.moc"
