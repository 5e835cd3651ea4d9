#include "models/CertificateFilterProxy.h"
#include "models/CertificateTableModel.h"
#include "tests/unit/models/ModelTestData.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace certdeck;
using certdeck::models::CertificateFilterProxy;
using certdeck::models::CertificateTableModel;

class TestCertificateFilterProxy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void searchTextMatchesCommonNameSansIssuerAndHost();
    void statusFilterKeepsOnlyThatStatus();
    void expiringWithinIncludesExpiredAndExcludesUnknownValidity();
    void filtersCombine();
    void sortsDaysLeftNumerically();
    void followsSourceChanges();

private:
    QStringList visibleNames() const;

    CertificateTableModel* m_model = nullptr;
    CertificateFilterProxy* m_proxy = nullptr;
    QAbstractItemModelTester* m_tester = nullptr;
};

void TestCertificateFilterProxy::init()
{
    m_model = new CertificateTableModel(this);
    m_model->setClock(test::fixedNow);
    CertificateRecord unknown;
    unknown.id = 5;
    unknown.commonName = QStringLiteral("new.example.net");
    unknown.status = CertificateStatus::Managed;
    m_model->setRecords({
        test::makeRecord(1, QStringLiteral("shop.example.org"), 100, CertificateStatus::Deployed,
                         QStringLiteral("web1")),
        test::makeRecord(2, QStringLiteral("mail.example.org"), 9, CertificateStatus::Managed, QStringLiteral("mx")),
        test::makeRecord(3, QStringLiteral("old.example.com"), -3, CertificateStatus::Discovered, {},
                         QStringLiteral("CN=Legacy Issuer,O=Old")),
        test::makeRecord(4, QStringLiteral("api.example.com"), 30, CertificateStatus::Deployed, QStringLiteral("web1")),
        unknown,
    });
    m_proxy = new CertificateFilterProxy(this);
    m_tester = new QAbstractItemModelTester(m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    m_proxy->setSourceModel(m_model);
}

void TestCertificateFilterProxy::cleanup()
{
    delete m_tester;
    delete m_proxy;
    delete m_model;
}

QStringList TestCertificateFilterProxy::visibleNames() const
{
    QStringList names;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        names << m_proxy->index(row, CertificateTableModel::CommonName).data().toString();
    }
    names.sort();
    return names;
}

void TestCertificateFilterProxy::searchTextMatchesCommonNameSansIssuerAndHost()
{
    m_proxy->setSearchText(QStringLiteral("SHOP"));
    QCOMPARE(visibleNames(), QStringList{QStringLiteral("shop.example.org")});
    m_proxy->setSearchText(QStringLiteral("www.mail"));
    QCOMPARE(visibleNames(), QStringList{QStringLiteral("mail.example.org")});
    m_proxy->setSearchText(QStringLiteral("legacy"));
    QCOMPARE(visibleNames(), QStringList{QStringLiteral("old.example.com")});
    m_proxy->setSearchText(QStringLiteral("web1"));
    QCOMPARE(visibleNames(), (QStringList{QStringLiteral("api.example.com"), QStringLiteral("shop.example.org")}));
    m_proxy->setSearchText(QStringLiteral("web1 api"));
    QCOMPARE(visibleNames(), QStringList{QStringLiteral("api.example.com")});
    m_proxy->setSearchText(QStringLiteral("nothing-matches"));
    QCOMPARE(m_proxy->rowCount(), 0);
    m_proxy->setSearchText(QString());
    QCOMPARE(m_proxy->rowCount(), 5);
}

void TestCertificateFilterProxy::statusFilterKeepsOnlyThatStatus()
{
    m_proxy->setStatusFilter(CertificateStatus::Deployed);
    QCOMPARE(visibleNames(), (QStringList{QStringLiteral("api.example.com"), QStringLiteral("shop.example.org")}));
    m_proxy->setStatusFilter(CertificateStatus::Revoked);
    QCOMPARE(m_proxy->rowCount(), 0);
    m_proxy->setStatusFilter(std::nullopt);
    QCOMPARE(m_proxy->rowCount(), 5);
}

void TestCertificateFilterProxy::expiringWithinIncludesExpiredAndExcludesUnknownValidity()
{
    m_proxy->setExpiringWithinDays(30);
    QCOMPARE(visibleNames(), (QStringList{QStringLiteral("api.example.com"), QStringLiteral("mail.example.org"),
                                          QStringLiteral("old.example.com")}));
    m_proxy->setExpiringWithinDays(0);
    QCOMPARE(visibleNames(), QStringList{QStringLiteral("old.example.com")});
    m_proxy->setExpiringWithinDays(-1);
    QCOMPARE(m_proxy->rowCount(), 5);
}

void TestCertificateFilterProxy::filtersCombine()
{
    m_proxy->setStatusFilter(CertificateStatus::Deployed);
    m_proxy->setExpiringWithinDays(60);
    QCOMPARE(visibleNames(), QStringList{QStringLiteral("api.example.com")});
    m_proxy->setSearchText(QStringLiteral("shop"));
    QCOMPARE(m_proxy->rowCount(), 0);
}

void TestCertificateFilterProxy::sortsDaysLeftNumerically()
{
    m_proxy->sort(CertificateTableModel::DaysLeft, Qt::AscendingOrder);
    QStringList order;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        order << m_proxy->index(row, CertificateTableModel::CommonName).data().toString();
    }
    QCOMPARE(order, (QStringList{QStringLiteral("old.example.com"), QStringLiteral("mail.example.org"),
                                 QStringLiteral("api.example.com"), QStringLiteral("shop.example.org"),
                                 QStringLiteral("new.example.net")}));
}

void TestCertificateFilterProxy::followsSourceChanges()
{
    m_proxy->setStatusFilter(CertificateStatus::Issued);
    QCOMPARE(m_proxy->rowCount(), 0);
    auto record = test::makeRecord(2, QStringLiteral("mail.example.org"), 9, CertificateStatus::Issued);
    m_model->upsert(record);
    QCOMPARE(visibleNames(), QStringList{QStringLiteral("mail.example.org")});
    m_model->remove(2);
    QCOMPARE(m_proxy->rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestCertificateFilterProxy)
#include "TestCertificateFilterProxy.moc"
